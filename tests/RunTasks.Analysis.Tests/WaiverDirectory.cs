using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Tests;

/// <summary>A temporary policy directory with a policy set and a waiver file, for waiver tests.</summary>
internal sealed class WaiverDirectory : IDisposable
{
    public static readonly DateTimeOffset Now = new(2027, 1, 10, 12, 0, 0, TimeSpan.Zero);

    public const string Bastion = "module.edge.aws_security_group.bastion";

    public WaiverDirectory(string? policy = "name: guardrails\n")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "runtasks-waivers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        if (policy is not null)
        {
            Write("policy.yaml", policy);
        }
    }

    public string Path { get; }

    /// <summary>One waiver as YAML lines (under <c>waivers:</c>), with every required key unless overridden or removed (value null).</summary>
    public static string Waiver(string id = "SEC-1234", params (string Key, string? Value)[] overrides)
    {
        var keys = new List<(string Key, string? Value)>
        {
            ("rule", "network_exposure"),
            ("resources", $"[\"{Bastion}\"]"),
            ("reason", "Bastion takes SSH from the internet until the VPN is live."),
            ("owner", "team-edge@acme.example"),
            ("approved_by", "security@acme.example"),
            ("expires", "2027-03-31"),
        };
        foreach (var (key, value) in overrides)
        {
            var at = keys.FindIndex(k => k.Key == key);
            if (at >= 0)
            {
                keys[at] = (key, value);
            }
            else
            {
                keys.Add((key, value));
            }
        }

        var lines = keys.Where(k => k.Value is not null).Select(k => $"    {k.Key}: {k.Value}");
        return $"  - id: {id}\n" + string.Join("\n", lines) + "\n";
    }

    public string Write(string name, string yaml)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, yaml);
        return file;
    }

    public string WriteWaivers(params string[] waivers) => Write("waivers.yaml", "waivers:\n" + string.Concat(waivers));

    public PolicyDirectoryContents Load(DateTimeOffset? now = null, WaiverOptions? options = null) =>
        PolicyDirectoryProvider.LoadAll(Path, options ?? WaiverOptions.Default, now ?? Now);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
