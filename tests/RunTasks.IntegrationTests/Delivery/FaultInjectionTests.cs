using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Delivery;

/// <summary>Over a thousand task results with random latency, 5xx and dropped connections: each ends with exactly one accepted final callback, none late.</summary>
public sealed class FaultInjectionTests : IAsyncLifetime
{
    private const int Count = 1050;
    private static readonly TimeSpan Total = TimeSpan.FromMinutes(3);
    private FakeHcp _hcp = null!;
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _api = await ApiHost.StartAsync(_hcp, new Dictionary<string, string?>
        {
            ["RunTasks:Deadlines:Total"] = "00:03:00",
            ["RunTasks:Deadlines:SafetyMargin"] = "00:00:10",
            ["RunTasks:Deadlines:Progress"] = "00:01:30",
            ["RunTasks:Deadlines:Heartbeat"] = "00:00:30",
            ["RunTasks:Deadlines:Reminder"] = "00:00:20",
            ["RunTasks:Deadlines:AnalysisLease"] = "00:00:30",
            ["RunTasks:Delivery:AttemptTimeout"] = "00:00:05",
        });
    }

    [Fact]
    public async Task Every_task_result_ends_with_exactly_one_accepted_final_callback_in_time()
    {
        var random = new Random(20261124);
        var plans = Fixtures.PlanFiles.Where(f => new FileInfo(f).Length < 100_000).Select(File.ReadAllBytes).ToArray();
        var tasks = new List<FakeTask>();
        for (var i = 0; i < Count; i++)
        {
            var task = _hcp.AddTask(plans[i % plans.Length]);
            for (var f = random.Next(4); f > 0; f--)
            {
                task.CallbackFaults.Enqueue(random.Next(4) switch
                {
                    0 => new CallbackFault(0, DelayMs: random.Next(50, 1500)),
                    1 => new CallbackFault(FakeTask.Drop),
                    2 => new CallbackFault(502),
                    _ => new CallbackFault(503, DelayMs: random.Next(0, 300)),
                });
            }

            for (var f = random.Next(3); f > 0; f--)
            {
                task.PlanFaults.Enqueue(random.Next(3) switch { 0 => 500, 1 => 503, _ => 204 });
            }

            tasks.Add(task);
        }
        var posted = new DateTimeOffset[Count];

        using var posting = new SemaphoreSlim(16);
        await Task.WhenAll(tasks.Select(async (t, i) =>
        {
            await posting.WaitAsync();
            try
            {
                posted[i] = DateTimeOffset.UtcNow;
                using var response = await _api.PostAsync(_hcp.Payload(t));
                response.EnsureSuccessStatusCode();
            }
            finally
            {
                posting.Release();
            }
        }));

        await Task.WhenAll(tasks.Select(t => t.FinalAsync(Total + TimeSpan.FromSeconds(30))));
        await Task.WhenAll(tasks.Select(t => _api.WaitForDoneAsync(t.TaskResultId)));
        Assert.All(tasks.Select((t, i) => (Task: t, Posted: posted[i])), t =>
        {
            var final = Assert.Single(t.Task.Finals);
            Assert.True(final.At - t.Posted < Total, $"{t.Task.TaskResultId} final after {final.At - t.Posted}");
        });
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _hcp.DisposeAsync();
    }
}
