using System.Globalization;
using RunTasks.Load;
using static RunTasks.Load.LoadReport;

// Load benchmark: a fake HCP Terraform on loopback, N signed hooks at R/s (or as fast as possible) against the
// service, and the figures a platform team cares about. See docs/performance.md.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"{e.Message}\n\n{LoadOptions.Usage}");
    return 2;
}

var plan = await File.ReadAllBytesAsync(options.Plan);
await using var hcp = await FakeHcpServer.StartAsync(plan, options);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    Timeout = TimeSpan.FromSeconds(30),
};
var driver = new HookDriver(http, options);
var inv = CultureInfo.InvariantCulture;
Console.WriteLine($"RunTasks load: {options.Hooks} hooks {(options.Rate > 0 ? $"at {options.Rate.ToString(inv)}/s" : "as fast as possible")}, " +
    $"stage {options.Stage}, plan {Path.GetFileName(options.Plan)} ({plan.Length / 1024} KB), {Environment.ProcessorCount} cores");

if (options.Bare)
{
    await using var bare = await BareEndpoint.StartAsync();
    var bareHooks = Enumerable.Range(0, options.Hooks).Select(_ => new LoadTask("taskrs-bare", options.Stage)).Select(t => (t, hcp.Payload(t))).ToList();
    var bareTime = await driver.DriveAsync(BareEndpoint.BaseUrl(bare), bareHooks);
    Console.WriteLine("bare Kestrel endpoint (read body, 200):");
    Distribution("ack", bareHooks.Select(h => h.t.Ack!.Value.TotalMilliseconds));
    Line("hooks/s", (options.Hooks / bareTime.TotalSeconds).ToString("F0", inv));
    Bare = options.Hooks / bareTime.TotalSeconds;
}

await using var github = options.PullRequests > 0 ? await FakeGitHubServer.StartAsync(options.ForgeStall) : null;
await using var service = options.Start is { } dll
    ? await ServiceProcess.StartAsync(dll, hcp.Port, options.HmacKey, (github?.ServiceArgs ?? []).Concat(options.ServiceArgs))
    : ServiceProcess.Existing(options.Service!, options.Pid);
if (options.Warmup > 0)
{
    var warmup = Enumerable.Range(0, options.Warmup).Select(_ => hcp.Add(options.Stage)).Select(t => (t, hcp.Payload(t))).ToList();
    await new HookDriver(http, options with { Rate = 0 }).DriveAsync(service.BaseUrl, warmup);
    for (var i = 0; i < 600 && warmup.Any(h => h.t.Finals.Count == 0 && h.t.AckStatus == 200); i++)
    {
        await Task.Delay(100);
    }

    foreach (var (t, _) in warmup)
    {
        hcp.Tasks.TryRemove(t.Id, out _);
    }

    Console.WriteLine($"warm-up: {options.Warmup} hooks sent and finished, not counted");
}
var rssBefore = service.ResidentMegabytes();
var logsBefore = service.LogLines;

var hooks = Enumerable.Range(0, options.Hooks).Select(i => hcp.Add(options.Stage, github?.PullRequestUrl(i % options.PullRequests + 1)))
    .Select(t => (t, hcp.Payload(t))).ToList();
var firstHook = DateTimeOffset.UtcNow;
var sendTime = await driver.DriveAsync(service.BaseUrl, hooks);
var deadline = DateTimeOffset.UtcNow + options.Wait;
while (hooks.Any(h => h.t.Finals.Count == 0 && h.t.AckStatus == 200) && DateTimeOffset.UtcNow < deadline)
{
    await Task.Delay(100);
}

var lastFinal = hooks.SelectMany(h => h.t.Finals).DefaultIfEmpty(firstHook).Max();
await Task.Delay(options.Settle); // late duplicates show up here; finished activations are collected meanwhile
GC.KeepAlive(deadline);

var tasks = hooks.Select(h => h.t).ToList();
var finished = tasks.Where(t => t.Finals.Count > 0).ToList();
var fast = finished.Where(t => t.Finals[0] - t.SentAt < TimeSpan.FromSeconds(5)).ToList();
Console.WriteLine($"RunTasks ({service.BaseUrl}):");
Distribution("ack", tasks.Select(t => t.Ack!.Value.TotalMilliseconds));
Line("hooks/s sent", (options.Hooks / sendTime.TotalSeconds).ToString("F0", inv) + (Bare is { } b ? $"  (bare Kestrel {b:F0}/s, ratio {options.Hooks / sendTime.TotalSeconds / b:F2})" : ""));
Line("answers other than 200", tasks.Count(t => t.AckStatus != 200).ToString(inv));
Distribution("hook → final", finished.Select(t => (t.Finals[0] - t.SentAt).TotalMilliseconds));
Line("all finals within", Ms((lastFinal - firstHook).TotalMilliseconds) + " of the first hook");
Line("finals/s", (finished.Count / Math.Max(0.001, (lastFinal - firstHook).TotalSeconds)).ToString("F0", inv));
Line("missing finals", tasks.Count(t => t.Finals.Count == 0).ToString(inv));
Line("duplicate finals", tasks.Sum(t => Math.Max(0, t.Finals.Count - 1)).ToString(inv));
Line("running updates", tasks.Sum(t => t.Running).ToString(inv));
Line("callbacks per task result", ((double)tasks.Sum(t => t.Running + t.Finals.Count) / tasks.Count).ToString("F2", inv));
Line("… of those finished within 5 s", fast.Count == 0 ? "–" : $"{(double)fast.Sum(t => t.Running + t.Finals.Count) / fast.Count:F2} (n={fast.Count})");
Line("plan downloads", hcp.PlanDownloads.ToString(inv));
Line("429 answered", hcp.RateLimited.Count.ToString(inv));
if (!hcp.RateLimited.IsEmpty)
{
    var window = TimeSpan.FromSeconds(options.RateLimit?.Seconds ?? options.FirstRunningRetryAfter ?? 0);
    var refusals = hcp.RateLimited.Order().ToList();
    // How long after the latest 429 each arrival inside a window came: requests already on the wire arrive within moments.
    var lags = hcp.CallbackArrivals
        .Select(a => refusals.Where(r => r < a && a < r + window - TimeSpan.FromMilliseconds(50)).Select(r => (a - r).TotalMilliseconds).DefaultIfEmpty(double.NaN).Min())
        .Where(lag => !double.IsNaN(lag) && lag > 0).ToList();
    Line("callbacks inside a Retry-After", $"{lags.Count(l => l >= 250)} arrived 250 ms or more after a 429 and before its window ended; "
        + $"lag of arrivals inside a window: {(lags.Count == 0 ? "–" : Ms(lags.Max()))} at most");
}
if (options.Start is not null)
{
    Line("service log lines per task result", ((double)(service.LogLines - logsBefore) / tasks.Count).ToString("F2", inv));
    Line("Orleans response timeouts logged", service.ResponseTimeouts.ToString(inv));
}

if (github is not null)
{
    await PullRequestReport.WaitAndPrintAsync(github, tasks, options);
}

Line("service resident memory", $"{rssBefore?.ToString("F0", inv) ?? "?"} MB before, {service.ResidentMegabytes()?.ToString("F0", inv) ?? "?"} MB after");
return tasks.Any(t => t.Finals.Count != 1) ? 1 : 0;

internal static partial class Program
{
    private static double? Bare { get; set; }
}
