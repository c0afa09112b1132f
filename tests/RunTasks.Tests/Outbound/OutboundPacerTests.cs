using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Outbound;

namespace RunTasks.Tests.Outbound;

public sealed class OutboundPacerTests
{
    private const string Hcp = "app.terraform.io";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private OutboundPacer Pacer(int requestsPerSecond = 0) =>
        new(_time, Options.Create(new RunTasksOptions { Delivery = { RequestsPerSecondPerHost = requestsPerSecond } }));

    /// <summary>A released wait finishes on the thread pool (never inside the gate's lock), so give it a moment.</summary>
    private static Task Released(Task wait) => wait.WaitAsync(TimeSpan.FromSeconds(10));

    private static HttpResponseMessage TooManyRequests(int retryAfterSeconds)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new(TimeSpan.FromSeconds(retryAfterSeconds));
        return response;
    }

    [Fact]
    public void By_default_requests_go_at_once_however_many()
    {
        using var pacer = Pacer();
        var waits = Enumerable.Range(0, 1000).Select(_ => pacer.WaitAsync(Hcp, OutboundPriority.Progress, CancellationToken.None)).ToList();
        Assert.All(waits, w => Assert.True(w.IsCompletedSuccessfully));
    }

    [Fact]
    public async Task After_a_429_nothing_goes_to_that_host_until_retry_after_has_passed()
    {
        using var pacer = Pacer();
        using var refused = TooManyRequests(2);
        pacer.Observe(Hcp, refused);
        var waiting = pacer.WaitAsync(Hcp, OutboundPriority.Final, CancellationToken.None);
        Assert.True(pacer.WaitAsync("objects.example.com", OutboundPriority.Plan, CancellationToken.None).IsCompletedSuccessfully);

        _time.Advance(TimeSpan.FromSeconds(1.9));
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        await Released(waiting);
    }

    [Fact]
    public void Used_up_rate_limit_window_pauses_until_its_reset()
    {
        using var pacer = Pacer();
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.Add("X-RateLimit-Remaining", "0");
        response.Headers.Add("X-RateLimit-Reset", "0.5");
        pacer.Observe(Hcp, response);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(0.5), pacer.PausedUntil(Hcp));
    }

    [Fact]
    public async Task Finals_leave_before_progress_updates_and_plan_downloads()
    {
        using var pacer = Pacer(requestsPerSecond: 1);
        Assert.True(pacer.WaitAsync(Hcp, OutboundPriority.Plan, CancellationToken.None).IsCompletedSuccessfully);
        var plan = pacer.WaitAsync(Hcp, OutboundPriority.Plan, CancellationToken.None);
        var progress = pacer.WaitAsync(Hcp, OutboundPriority.Progress, CancellationToken.None);
        var final = pacer.WaitAsync(Hcp, OutboundPriority.Final, CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(1));
        await Released(final);
        Assert.Equal([false, false], [progress.IsCompleted, plan.IsCompleted]);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Released(progress);
        Assert.False(plan.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Released(plan);
    }

    [Fact]
    public async Task Cancelled_wait_gives_up_its_place()
    {
        using var pacer = Pacer(requestsPerSecond: 1);
        await pacer.WaitAsync(Hcp, OutboundPriority.Final, CancellationToken.None);
        using var deadline = new CancellationTokenSource();
        var abandoned = pacer.WaitAsync(Hcp, OutboundPriority.Final, deadline.Token);
        var next = pacer.WaitAsync(Hcp, OutboundPriority.Progress, CancellationToken.None);
        await deadline.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        _time.Advance(TimeSpan.FromSeconds(1));
        await Released(next);
    }

    [Fact]
    public void Unpaced_requests_never_wait()
    {
        using var pacer = Pacer();
        using var refused = TooManyRequests(60);
        pacer.Observe(Hcp, refused);
        Assert.True(pacer.WaitAsync(Hcp, OutboundPriority.Unpaced, CancellationToken.None).IsCompletedSuccessfully);
    }
}
