using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Delivery;

/// <summary>A rate-limited HCP Terraform: every fifth callback is answered 429 with Retry-After: 2.</summary>
public sealed class PacingTests : IAsyncLifetime
{
    private const int RetryAfterSeconds = 2;
    // A request already on the wire when the 429 came back may still arrive just after it; none may be sent later.
    private static readonly TimeSpan InFlight = TimeSpan.FromMilliseconds(500);
    private FakeHcp _hcp = null!;
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _hcp.RateLimit = (5, RetryAfterSeconds);
        _api = await ApiHost.StartAsync(_hcp, new Dictionary<string, string?> { ["RunTasks:Deadlines:Total"] = "00:02:00" });
    }

    [Fact]
    public async Task Every_result_gets_one_final_and_the_host_sees_nothing_during_its_retry_after_window()
    {
        var plan = Fixtures.Plan("aquasecurity__trivy__module-call-tf1.14.json");
        var tasks = Enumerable.Range(0, 24).Select(i => _hcp.AddTask(i % 2 == 0 ? plan : null, stage: i % 2 == 0 ? "post_plan" : "pre_plan")).ToList();
        await Task.WhenAll(tasks.Select(t => _api.PostAsync(_hcp.Payload(t))));

        await Task.WhenAll(tasks.Select(t => t.FinalAsync(TimeSpan.FromSeconds(90))));
        await Task.WhenAll(tasks.Select(t => _api.WaitForDoneAsync(t.TaskResultId)));
        Assert.All(tasks, t => Assert.Single(t.Finals));

        var arrivals = _hcp.CallbackArrivals.ToList();
        var refusals = arrivals.Where(a => a.Status == 429).Select(a => a.At).ToList();
        Assert.NotEmpty(refusals);
        var early = arrivals.Where(a => refusals.Any(r => a.At > r + InFlight && a.At < r + TimeSpan.FromSeconds(RetryAfterSeconds) - TimeSpan.FromMilliseconds(50))).ToList();
        Assert.True(early.Count == 0, $"{early.Count} of {arrivals.Count} callbacks arrived inside a Retry-After window, e.g. {early.FirstOrDefault().At:O}");
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _hcp.DisposeAsync();
    }
}
