using System.Globalization;

namespace RunTasks.Load;

/// <summary>Command-line settings of a load run.</summary>
public sealed record LoadOptions
{
    public int Hooks { get; init; } = 1000;
    /// <summary>Hooks per second, open loop; 0 sends as fast as the service answers (at most <see cref="Concurrency"/> in flight).</summary>
    public double Rate { get; init; }
    public int Concurrency { get; init; } = 256;
    /// <summary>Hooks sent (and finished) before the measured run, so JIT and first-use costs are not in the figures.</summary>
    public int Warmup { get; init; }
    public string Plan { get; init; } = Path.Combine("..", "shared", "fixtures", "plans", "bridgecrewio__checkov__runner-55-aws-creates.json");
    public string Stage { get; init; } = "post_plan";
    public string HmacKey { get; init; } = "load-test-hmac-key";
    /// <summary>A running service's base URL; it must allow the fake HCP's host and port and use <see cref="HmacKey"/>.</summary>
    public string? Service { get; init; }
    /// <summary>Path of RunTasks.Api.dll to start in embedded mode with default settings (plus what loopback needs).</summary>
    public string? Start { get; init; }
    /// <summary>The service's process id, to read its resident memory when it was not started here.</summary>
    public int? Pid { get; init; }
    public int HcpPort { get; init; }
    /// <summary>Every Nth callback answered 429 with Retry-After of the given seconds; null: never.</summary>
    public (int Every, int Seconds)? RateLimit { get; init; }
    /// <summary>How long each plan request waits before it is answered, like a large plan being rendered.</summary>
    public TimeSpan PlanDelay { get; init; }
    /// <summary>When set, the first <c>running</c> update of each task result is answered 429 with this Retry-After (seconds).</summary>
    public int? FirstRunningRetryAfter { get; init; }
    public bool Bare { get; init; }
    public TimeSpan Wait { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>How long to wait after the last final before reading memory (activations are collected meanwhile).</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(5);
    public string[] ServiceArgs { get; init; } = [];
    /// <summary>When above 0, hooks carry pull request URLs of a fake GitHub, spread over this many pull requests.</summary>
    public int PullRequests { get; init; }
    /// <summary>How long the fake GitHub holds every request before it answers.</summary>
    public TimeSpan ForgeStall { get; init; }

    public const string Usage = """
        Usage: RunTasks.Load (--start PATH/RunTasks.Api.dll | --service URL [--pid PID] [--hcp-port PORT])
                             [--hooks N] [--rate R] [--concurrency C] [--warmup N] [--plan FILE] [--stage STAGE]
                             [--rate-limit EVERY:SECONDS] [--plan-delay SECONDS] [--first-running-429 SECONDS]
                             [--bare] [--wait SECONDS] [--settle SECONDS]
                             [--pull-requests N [--forge-stall SECONDS]] [-- SERVICE ARGS]
          --rate 0 (default) sends as fast as possible; otherwise R hooks per second, open loop.
          --warmup sends N hooks first, as fast as possible, and waits for their finals; they are not counted.
          --plan-delay holds every plan request that long; --first-running-429 answers each task result's first
            running update 429 with that Retry-After (HCP Terraform's per-user rate limit).
          --bare also drives a bare Kestrel endpoint in this process with the same hooks, for an ingest ratio.
          --pull-requests spreads the hooks over N pull requests of a fake GitHub (round robin) and reports the
            comments: one per pull request and stage, each showing its pull request's latest run; --forge-stall
            holds every GitHub request that long.
        """;

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            var inv = CultureInfo.InvariantCulture;
            o = args[i] switch
            {
                "--hooks" => o with { Hooks = int.Parse(Value(), inv) },
                "--rate" => o with { Rate = double.Parse(Value(), inv) },
                "--concurrency" => o with { Concurrency = int.Parse(Value(), inv) },
                "--warmup" => o with { Warmup = int.Parse(Value(), inv) },
                "--plan" => o with { Plan = Value() },
                "--stage" => o with { Stage = Value() },
                "--hmac-key" => o with { HmacKey = Value() },
                "--service" => o with { Service = Value().TrimEnd('/') },
                "--start" => o with { Start = Value() },
                "--pid" => o with { Pid = int.Parse(Value(), inv) },
                "--hcp-port" => o with { HcpPort = int.Parse(Value(), inv) },
                "--rate-limit" => Value().Split(':') is [var every, var seconds]
                    ? o with { RateLimit = (int.Parse(every, inv), int.Parse(seconds, inv)) }
                    : throw new ArgumentException("--rate-limit EVERY:SECONDS"),
                "--bare" => o with { Bare = true },
                "--plan-delay" => o with { PlanDelay = TimeSpan.FromSeconds(double.Parse(Value(), inv)) },
                "--first-running-429" => o with { FirstRunningRetryAfter = int.Parse(Value(), inv) },
                "--wait" => o with { Wait = TimeSpan.FromSeconds(double.Parse(Value(), inv)) },
                "--settle" => o with { Settle = TimeSpan.FromSeconds(double.Parse(Value(), inv)) },
                "--pull-requests" => o with { PullRequests = int.Parse(Value(), inv) },
                "--forge-stall" => o with { ForgeStall = TimeSpan.FromSeconds(double.Parse(Value(), inv)) },
                "--" => o with { ServiceArgs = args[(i + 1)..] },
                _ => throw new ArgumentException($"unknown argument {args[i]}"),
            };
            if (args[i] == "--")
            {
                break;
            }
        }
        if (o.Service is null == (o.Start is null))
        {
            throw new ArgumentException("give exactly one of --start and --service");
        }

        return o;
    }
}
