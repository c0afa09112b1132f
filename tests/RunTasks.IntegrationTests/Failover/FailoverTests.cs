using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using RunTasks.IntegrationTests.Postgres;
using RunTasks.Testing;
using Xunit.Abstractions;

namespace RunTasks.IntegrationTests.Failover;

/// <summary>
/// HCP Terraform's view of a silo crash, a rolling restart and a database outage, under a steady 50 hooks/s for 30 s
/// with a 3 s plan download: every valid hook answered 200 within 2 s while the Api and PostgreSQL are up, and every
/// task result answered 200 gets exactly one final callback.
/// </summary>
[Collection(FailoverCollection.Name)]
[SuppressMessage("Naming", "CA1707", Justification = "Test names are sentences.")]
public sealed class FailoverTests(PostgresFixture pg, ITestOutputHelper output) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const int HooksPerSecond = 50;
    private const int LoadSeconds = 30;
    private static readonly TimeSpan SlowestAllowedAnswer = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PlanDelay = TimeSpan.FromSeconds(3);
    private static readonly byte[] Plan = Fixtures.Plan("aquasecurity__trivy__module-call-tf1.14.json");
    private FakeHcp _hcp = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _hcp.PlanDelay = PlanDelay;
        _hcp.RejectRepeatedFinals = true;
    }

    [Fact]
    public async Task Killing_one_of_two_silos_under_load_refuses_no_hook_and_delivers_every_result_once()
    {
        await using var cluster = await FailoverCluster.StartAsync(await pg.CreateDatabaseAsync(), siloCount: 2, _hcp);
        TimeSpan? declaredDeadAfter = null;

        var (hooks, faultAt) = await RunUnderLoadAsync(cluster, TimeSpan.FromSeconds(10), async () =>
        {
            var clock = Stopwatch.StartNew();
            cluster.Silos[0].Kill();
            while (clock.Elapsed < TimeSpan.FromSeconds(60) && await cluster.DeadSilosAsync() == 0)
            {
                await Task.Delay(250);
            }

            declaredDeadAfter = clock.Elapsed;
        });

        var figures = Report("kill -9 of one of two silos", hooks, faultAt);
        output.WriteLine($"silo declared dead after {declaredDeadAfter?.TotalSeconds:F1} s");
        AssertEveryHookAcceptedPromptlyAndDeliveredOnce(figures);
        Assert.True(declaredDeadAfter < TimeSpan.FromSeconds(15), $"the killed silo was declared dead after {declaredDeadAfter}");
    }

    [Fact]
    public async Task Rolling_restart_under_load_refuses_no_hook_and_delivers_every_result_once()
    {
        await using var cluster = await FailoverCluster.StartAsync(await pg.CreateDatabaseAsync(), siloCount: 2, _hcp);
        var stops = new List<TimeSpan>();
        var exitCodes = new List<int>();

        var (hooks, faultAt) = await RunUnderLoadAsync(cluster, TimeSpan.FromSeconds(5), async () =>
        {
            foreach (var silo in cluster.Silos)
            {
                var clock = Stopwatch.StartNew();
                exitCodes.Add(await silo.TerminateAsync(TimeSpan.FromSeconds(60)));
                stops.Add(clock.Elapsed);
                await silo.RestartAsync();
            }
        });

        var figures = Report("rolling restart (SIGTERM silo1, start, SIGTERM silo2, start)", hooks, faultAt);
        output.WriteLine($"graceful stops took {string.Join(", ", stops.Select(s => $"{s.TotalSeconds:F1} s"))}, exit codes {string.Join(", ", exitCodes)}");
        AssertEveryHookAcceptedPromptlyAndDeliveredOnce(figures);
        Assert.All(exitCodes, code => Assert.Equal(0, code)); // a clean exit, not a kill at the end of the grace period
    }

    [Fact]
    public async Task PostgreSQL_outage_under_load_refuses_hooks_only_while_it_lasts_and_delivers_every_accepted_result_once()
    {
        await using var server = await OwnPostgresServer.StartAsync();
        await using var cluster = await FailoverCluster.StartAsync(server.ConnectionString, siloCount: 2, _hcp);
        var outageEnd = DateTimeOffset.MaxValue;
        HttpStatusCode? readyDuringOutage = null;
        var readyCheck = TimeSpan.Zero;
        var readyAgainAfter = TimeSpan.Zero;

        var (hooks, faultAt) = await RunUnderLoadAsync(cluster, TimeSpan.FromSeconds(10), async () =>
        {
            await server.StopAsync();
            var stopped = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var clock = Stopwatch.StartNew();
            readyDuringOutage = (await cluster.Api.Http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode;
            readyCheck = clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(10) - stopped.Elapsed);
            await server.StartAgainAsync();
            outageEnd = DateTimeOffset.UtcNow;
            readyAgainAfter = await ReadyAgainAfterAsync(cluster, outageEnd);
        });

        var figures = Report("PostgreSQL stopped for 10 s", hooks, faultAt);
        // When a refusal was answered, not when it was sent: a hook sent an instant before the stop is refused during it.
        var refusedAt = hooks.SelectMany(h => h.Attempts).Where(a => a.Status != 200).Select(a => a.SentAt + a.Latency).ToList();
        output.WriteLine($"refusals answered between {(refusedAt.Count == 0 ? 0 : (refusedAt.Min() - faultAt).TotalSeconds):F1} s and {(refusedAt.Count == 0 ? 0 : (refusedAt.Max() - faultAt).TotalSeconds):F1} s after the stop; the database was back {(outageEnd - faultAt).TotalSeconds:F1} s after it");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyDuringOutage);
        Assert.True(readyCheck < TimeSpan.FromSeconds(3), $"/readyz took {readyCheck} during the outage");
        Assert.NotEmpty(refusedAt);
        Assert.All(refusedAt, at => Assert.InRange(at, faultAt, outageEnd + TimeSpan.FromSeconds(2)));
        Assert.True(figures.SlowestAnswer < SlowestAllowedAnswer, $"slowest answer {figures.SlowestAnswer}");
        Assert.Equal(0, figures.NeverAccepted);
        Assert.Equal(0, figures.Lost);
        Assert.Equal(0, figures.Duplicates);
        output.WriteLine($"/readyz 200 again {readyAgainAfter.TotalSeconds:F1} s after the database was back");
        Assert.True(readyAgainAfter < TimeSpan.FromSeconds(20), $"/readyz still failing {readyAgainAfter} after the outage");
    }

    /// <summary>
    /// Readiness also asks the cluster, whose membership reads can meet connections that died with the database before
    /// the pools drop them; so it is polled, and the time it took is the figure.
    /// </summary>
    private static async Task<TimeSpan> ReadyAgainAfterAsync(FailoverCluster cluster, DateTimeOffset since)
    {
        var giveUpAt = DateTimeOffset.UtcNow.AddSeconds(20);
        while (DateTimeOffset.UtcNow < giveUpAt && (await cluster.Api.Http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode != HttpStatusCode.OK)
        {
            await Task.Delay(250);
        }

        return DateTimeOffset.UtcNow - since;
    }

    /// <summary>Warms the path up, sends the load, applies the fault on time, then waits for the finals (and any duplicate).</summary>
    private async Task<(IReadOnlyList<SentHook> Hooks, DateTimeOffset FaultAt)> RunUnderLoadAsync(FailoverCluster cluster, TimeSpan faultAfter, Func<Task> fault)
    {
        var sender = new SteadySender(cluster.Api.Http);
        var warmUp = NewHooks(5);
        await sender.RunAsync(warmUp, HooksPerSecond, TimeSpan.FromSeconds(30));
        await Task.WhenAll(warmUp.Select(h => h.Task.FinalAsync(TimeSpan.FromSeconds(60))));

        var hooks = NewHooks(HooksPerSecond * LoadSeconds);
        var sending = sender.RunAsync(hooks, HooksPerSecond, TimeSpan.FromSeconds(90));
        await Task.Delay(faultAfter);
        var faultAt = DateTimeOffset.UtcNow;
        await fault();
        await sending;

        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (DateTimeOffset.UtcNow < deadline && hooks.Any(h => h.AcknowledgedAt is not null && !h.Task.Finals.Any()))
        {
            await Task.Delay(500);
        }

        // A done result's grain sends nothing more: counting finals after this proves there is no duplicate.
        await Task.WhenAll(hooks.Where(h => h.Task.Finals.Any()).Select(h => cluster.Api.WaitForDoneAsync(h.Task.TaskResultId)));
        output.WriteLine($"inbox rows left: {await cluster.InboxRowsAsync()}");
        foreach (var lost in hooks.Where(h => h.AcknowledgedAt is not null && !h.Task.Finals.Any()).Take(5))
        {
            output.WriteLine($"  no final for {lost.Task.TaskResultId} (answered 200 at {lost.AcknowledgedAt:HH:mm:ss.fff}): {await cluster.DescribeAsync(lost.Task.TaskResultId)}");
        }

        return (hooks, faultAt);
    }

    private List<SentHook> NewHooks(int count) => Enumerable.Range(0, count).Select(_ =>
    {
        var task = _hcp.AddTask(Plan);
        return new SentHook(task, _hcp.Payload(task));
    }).ToList();

    private ChaosFigures Report(string scenario, IReadOnlyList<SentHook> hooks, DateTimeOffset faultAt)
    {
        var figures = ChaosFigures.From(hooks, faultAt);
        output.WriteLine($"{scenario}: {figures}");
        foreach (var hook in hooks.Where(h => h.Task.Finals.Count() + h.Task.Refused.Count(c => c.Status is "passed" or "failed") > 1))
        {
            var finals = hook.Task.Finals.Concat(hook.Task.Refused.Where(c => c.Status is "passed" or "failed")).Select(c => $"{(c.At - faultAt).TotalMilliseconds:F0} ms");
            output.WriteLine($"  {hook.Task.TaskResultId}: answered 200 at {((hook.AcknowledgedAt ?? faultAt) - faultAt).TotalMilliseconds:F0} ms, finals at {string.Join(", ", finals)} (relative to the fault)");
        }
        return figures;
    }

    private static void AssertEveryHookAcceptedPromptlyAndDeliveredOnce(ChaosFigures figures)
    {
        Assert.Equal(0, figures.Refusals);
        Assert.True(figures.SlowestAnswer < SlowestAllowedAnswer, $"slowest answer {figures.SlowestAnswer}");
        Assert.Equal(0, figures.NeverAccepted);
        Assert.Equal(0, figures.Lost);
        Assert.Equal(0, figures.Duplicates);
    }

    public async Task DisposeAsync() => await _hcp.DisposeAsync();
}
