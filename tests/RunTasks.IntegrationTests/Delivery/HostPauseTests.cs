using System.Diagnostics;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Delivery;

/// <summary>
/// HCP Terraform answers the first <c>running</c> update of each task result with 429 and a Retry-After, and serves
/// plans slowly: callbacks wait for the host, grains never do. Each plan is downloaded once, each result gets one final.
/// </summary>
public sealed class HostPauseTests : IAsyncLifetime
{
    private const int PauseSeconds = 6;
    private FakeHcp _hcp = null!;
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _hcp.PlanDelay = TimeSpan.FromSeconds(2);
        _hcp.FirstRunningRetryAfterSeconds = PauseSeconds;
        _api = await ApiHost.StartAsync(_hcp, new Dictionary<string, string?>
        {
            ["RunTasks:Deadlines:FirstProgress"] = "00:00:01",
            ["RunTasks:Deadlines:Progress"] = "00:01:00",
            ["RunTasks:Deadlines:Total"] = "00:02:00",
            // Generous on a busy machine: a second download here must come from the pause, not from a slow attempt.
            ["RunTasks:Delivery:AttemptTimeout"] = "00:00:10",
            ["RunTasks:Deadlines:AnalysisLease"] = "00:00:30",
            // A response timeout inside the service would show here.
            ["Logging:LogLevel:Orleans"] = "Warning",
        });
    }

    [Fact]
    public async Task Paused_host_delays_callbacks_but_no_plan_is_fetched_twice_and_every_result_gets_one_final()
    {
        var plan = Fixtures.Plan("bridgecrewio__checkov__runner-55-aws-creates.json");
        var first = Enumerable.Range(0, 5).Select(_ => _hcp.AddTask(plan)).ToList();
        var second = Enumerable.Range(0, 5).Select(_ => _hcp.AddTask(plan)).ToList();
        await Task.WhenAll(first.Select(t => _api.PostAsync(_hcp.Payload(t))));
        await _hcp.FirstCallback.WaitAsync(TimeSpan.FromSeconds(30)); // the first running update: the host pauses
        // Hooks arriving during the pause: their plan requests and updates wait for the host's turn.
        await Task.WhenAll(second.Select(t => _api.PostAsync(_hcp.Payload(t))));

        var read = Stopwatch.StartNew();
        var details = await _api.Http.GetAsync(_api.DetailsPath(second[0].TaskResultId));
        read.Stop();
        details.EnsureSuccessStatusCode();
        Assert.True(read.Elapsed < TimeSpan.FromSeconds(1), $"a details read took {read.Elapsed} during the pause");

        var tasks = first.Concat(second).ToList();
        await Task.WhenAll(tasks.Select(t => _api.WaitForDoneAsync(t.TaskResultId, TimeSpan.FromSeconds(90))));
        Assert.All(tasks, t => Assert.Single(t.Finals));
        Assert.All(tasks, t => Assert.Equal(1, t.PlanRequests));
        Assert.DoesNotContain("did not arrive on time", _api.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("could not report its verdict", _api.Logs.Text, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _hcp.DisposeAsync();
    }
}
