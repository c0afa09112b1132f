using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Delivery;

/// <summary>A plan download that never answers: heartbeats keep HCP Terraform informed, the watchdog answers in time.</summary>
public sealed class WatchdogTests : IAsyncLifetime
{
    private static readonly TimeSpan Total = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(2);
    private FakeHcp _hcp = null!;
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _api = await ApiHost.StartAsync(_hcp, new Dictionary<string, string?>
        {
            ["RunTasks:Deadlines:Total"] = "00:00:20",
            ["RunTasks:Deadlines:SafetyMargin"] = "00:00:03",
            ["RunTasks:Deadlines:Progress"] = "00:00:12",
            ["RunTasks:Deadlines:Heartbeat"] = "00:00:02",
            ["RunTasks:Delivery:AttemptTimeout"] = "00:00:02",
            ["RunTasks:Delivery:PlanAttempts"] = "1000",
        });
    }

    [Fact]
    public async Task Hanging_plan_download_gets_one_failed_verdict_before_the_deadline_with_heartbeats_meanwhile()
    {
        var task = _hcp.AddTask(Fixtures.Plan("aquasecurity__trivy__module-call-tf1.14.json"));
        for (var i = 0; i < 1000; i++)
        {
            task.PlanFaults.Enqueue(FakeTask.Hang);
        }

        var posted = DateTimeOffset.UtcNow;
        await _api.PostAsync(_hcp.Payload(task));

        var final = await task.FinalAsync(Total + TimeSpan.FromSeconds(10));
        Assert.Equal("failed", final.Status);
        Assert.Contains("plan download", final.Message, StringComparison.Ordinal);
        Assert.True(final.At - posted < Total - Margin + TimeSpan.FromSeconds(1.5), $"final after {final.At - posted}");
        Assert.True(final.At - posted > Total - Margin - TimeSpan.FromSeconds(1.5), $"final after {final.At - posted}");

        var beats = task.Running.Select(r => r.At).ToList();
        Assert.True(beats.Count >= 5, $"{beats.Count} running updates");
        var gaps = beats.Zip(beats.Skip(1), (a, b) => b - a).Append(final.At - beats[^1]);
        Assert.All(gaps, gap => Assert.True(gap < Heartbeat + TimeSpan.FromSeconds(1.5), $"gap {gap}"));

        await _api.WaitForDoneAsync(task.TaskResultId);
        Assert.Single(task.Finals);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _hcp.DisposeAsync();
    }
}
