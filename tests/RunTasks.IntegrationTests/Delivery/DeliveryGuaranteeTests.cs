using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.IntegrationTests.EndToEnd;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Delivery;

/// <summary>Exactly one final callback, never late: retries, Retry-After, 409, and the watchdog, over real HTTP.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class DeliveryGuaranteeTests(EndToEndFixture fx)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);
    private static readonly byte[] SmallPlan = Fixtures.Plan("aquasecurity__trivy__module-call-tf1.14.json");

    [Fact]
    public async Task Callback_refused_with_503_twice_then_accepted_lands_exactly_once()
    {
        var task = fx.Hcp.AddTask(SmallPlan);
        task.CallbackFaults.Enqueue(new CallbackFault(503));
        task.CallbackFaults.Enqueue(new CallbackFault(503));
        await fx.Api.PostAsync(fx.Hcp.Payload(task));

        await task.FinalAsync(Wait);
        await fx.Api.WaitForDoneAsync(task.TaskResultId);
        Assert.Single(task.Finals);
        Assert.Equal(2, task.Refused.Count);
    }

    [Fact]
    public async Task Retry_after_on_429_is_honoured()
    {
        var task = fx.Hcp.AddTask(null, stage: "pre_plan"); // the first callback is the final one
        task.CallbackFaults.Enqueue(new CallbackFault(429, RetryAfterSeconds: 3));
        await fx.Api.PostAsync(fx.Hcp.Payload(task));

        var final = await task.FinalAsync(Wait);
        var refused = Assert.Single(task.Refused);
        Assert.True(final.At - refused.At >= TimeSpan.FromSeconds(2.9), $"retried after {final.At - refused.At}");
        Assert.Single(task.Finals);
    }

    [Fact]
    public async Task Conflict_on_the_final_callback_counts_as_delivered_and_stops()
    {
        var task = fx.Hcp.AddTask(null, stage: "pre_plan");
        task.CallbackFaults.Enqueue(new CallbackFault(409));
        await fx.Api.PostAsync(fx.Hcp.Payload(task));

        var snapshot = await fx.Api.WaitForDoneAsync(task.TaskResultId);
        Assert.Equal(DeliveryOutcome.Delivered, snapshot.Delivery);
        Assert.Equal(1, snapshot.CallbackAttempts);
        Assert.Contains("409", snapshot.LastError, StringComparison.Ordinal);
        Assert.Single(task.Refused);
        Assert.Empty(task.Accepted);
    }

    [Fact]
    public async Task Unauthorized_final_callback_is_recorded_and_not_retried()
    {
        var task = fx.Hcp.AddTask(null, stage: "pre_plan");
        task.CallbackFaults.Enqueue(new CallbackFault(401));
        await fx.Api.PostAsync(fx.Hcp.Payload(task));

        var snapshot = await fx.Api.WaitForDoneAsync(task.TaskResultId);
        Assert.Equal(DeliveryOutcome.Rejected, snapshot.Delivery);
        Assert.Single(task.Refused);
    }

    [Fact]
    public async Task Redirect_of_a_callback_is_not_followed_and_the_final_is_retried()
    {
        var task = fx.Hcp.AddTask(null, stage: "pre_plan");
        task.CallbackFaults.Enqueue(new CallbackFault(307, Location: fx.Hcp.RedirectTrapUrl));
        await fx.Api.PostAsync(fx.Hcp.Payload(task));

        var snapshot = await fx.Api.WaitForDoneAsync(task.TaskResultId);
        Assert.Equal(DeliveryOutcome.Delivered, snapshot.Delivery);
        Assert.Contains("redirects are not followed", snapshot.LastError, StringComparison.Ordinal);
        Assert.Equal(0, fx.Hcp.RedirectTrapHits);
        Assert.Single(task.Refused);
        Assert.Single(task.Finals);
    }

    [Fact]
    public async Task Dropped_connections_and_server_errors_on_the_plan_are_retried()
    {
        var task = fx.Hcp.AddTask(SmallPlan);
        task.PlanFaults.Enqueue(502);
        task.PlanFaults.Enqueue(204);
        task.PlanFaults.Enqueue(500);
        task.CallbackFaults.Enqueue(new CallbackFault(FakeTask.Drop));
        await fx.Api.PostAsync(fx.Hcp.Payload(task));

        Assert.Equal("passed", (await task.FinalAsync(Wait)).Status);
        Assert.Equal(4, task.PlanRequests);
    }
}
