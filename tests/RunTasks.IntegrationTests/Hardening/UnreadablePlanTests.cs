using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Hardening;

/// <summary>A plan the engine cannot read is one failed verdict at once, never a download loop until the watchdog.</summary>
public sealed class UnreadablePlanTests : IAsyncLifetime
{
    private FakeHcp _hcp = null!;
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _api = await ApiHost.StartAsync(_hcp);
    }

    [Fact]
    public async Task Invalid_utf8_inside_a_plan_fails_the_run_once_after_one_download()
    {
        var plan = Fixtures.Plan("aquasecurity__trivy__module-call-tf1.14.json");
        var at = plan.AsSpan().IndexOf("\"address\":\""u8) + "\"address\":\"".Length;
        byte[] invalid = [0xC3, 0x28]; // a two-byte sequence whose second byte is not a continuation byte
        var task = _hcp.AddTask([.. plan[..at], .. invalid, .. plan[at..]]);
        (await _api.PostAsync(_hcp.Payload(task))).EnsureSuccessStatusCode();

        var final = await task.FinalAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("failed", final.Status);
        Assert.Contains("UTF-8", final.Message, StringComparison.OrdinalIgnoreCase);
        await _api.WaitForDoneAsync(task.TaskResultId);
        Assert.Equal(1, task.PlanRequests);
        Assert.Single(task.Finals);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _hcp.DisposeAsync();
    }
}
