using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Hardening;

/// <summary>
/// End to end: a plan body that stalls, drips or is cut off is downloaded again and judged whole, long before the
/// watchdog; a redirect into the local network fails the task result with a clear message at once.
/// </summary>
public sealed class PlanBodyRetryTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly byte[] Plan = Fixtures.Plan("snyk__cli__destroy-8-aws.json");
    private FakeHcp _hcp = null!;
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _api = await ApiHost.StartAsync(_hcp, new Dictionary<string, string?>
        {
            ["RunTasks:Delivery:PlanReadIdleTimeout"] = "00:00:03", // longer than the drip interval: the rate must catch drips
            ["RunTasks:Delivery:PlanMinRateGracePeriod"] = "00:00:02",
        });
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _hcp.DisposeAsync();
    }

    /// <summary>The verdict for the plan served whole, to compare against.</summary>
    private async Task<ReceivedCallback> WholePlanVerdictAsync()
    {
        var control = _hcp.AddTask(Plan);
        (await _api.PostAsync(_hcp.Payload(control))).EnsureSuccessStatusCode();
        return await control.FinalAsync(Wait);
    }

    private async Task AssertRetriedAndJudgedWholeAsync(PlanBodyFault fault)
    {
        var expected = await WholePlanVerdictAsync();
        var task = _hcp.AddTask(Plan);
        _hcp.FaultPlanBody(task, fault);
        (await _api.PostAsync(_hcp.Payload(task))).EnsureSuccessStatusCode();

        var final = await task.FinalAsync(Wait);
        Assert.Equal(expected.Status, final.Status);
        Assert.Equal(expected.Message, final.Message);
        Assert.Equal(expected.OutcomeCount, final.OutcomeCount);
        Assert.Equal(2, task.PlanRequests);
        Assert.Single(task.Finals);
    }

    [Fact]
    public Task Plan_body_cut_off_midway_is_downloaded_again_and_judged_whole() => AssertRetriedAndJudgedWholeAsync(PlanBodyFault.Truncate);

    [Fact]
    public Task Stalled_plan_body_is_downloaded_again_and_judged_whole() => AssertRetriedAndJudgedWholeAsync(PlanBodyFault.Stall);

    [Fact]
    public Task Dripping_plan_body_is_downloaded_again_and_judged_whole() => AssertRetriedAndJudgedWholeAsync(PlanBodyFault.Drip);

    [Fact]
    public async Task Plan_redirected_to_the_metadata_service_fails_at_once_with_the_reason()
    {
        var task = _hcp.AddTask(Plan);
        _hcp.RedirectPlan(task, "http://169.254.169.254/latest/meta-data/");
        (await _api.PostAsync(_hcp.Payload(task))).EnsureSuccessStatusCode();

        var final = await task.FinalAsync(Wait);
        Assert.Equal("failed", final.Status);
        Assert.Contains("refuses to follow", final.Message, StringComparison.Ordinal);
        Assert.Equal(1, task.PlanRequests);
    }
}
