using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Hardening;

/// <summary>One huge value must not blow up a silo's memory: the operator's cap turns it into one failed verdict.</summary>
public sealed class ResourceChangeLimitTests : IAsyncLifetime
{
    private FakeHcp _hcp = null!;
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _api = await ApiHost.StartAsync(_hcp, new Dictionary<string, string?> { ["RunTasks:MaxResourceChangeBytes"] = "1024" });
    }

    [Fact]
    public async Task Resource_change_over_the_configured_cap_fails_the_run_at_once_naming_the_limit()
    {
        var task = _hcp.AddTask(Fixtures.Plan("bridgecrewio__checkov__runner-55-aws-creates.json"));
        (await _api.PostAsync(_hcp.Payload(task))).EnsureSuccessStatusCode();

        var final = await task.FinalAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("failed", final.Status);
        Assert.Contains("1 KiB", final.Message, StringComparison.Ordinal);
        Assert.Equal(1, task.PlanRequests);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _hcp.DisposeAsync();
    }
}
