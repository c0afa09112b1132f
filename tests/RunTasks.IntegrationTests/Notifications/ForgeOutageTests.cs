using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Notifications;

/// <summary>A forge that stalls or refuses: the verdict reaches HCP Terraform regardless, and the failure shows.</summary>
public sealed class ForgeOutageTests : IAsyncLifetime
{
    private const string FailingPlan = "fugue__regula__aws-sg-ingress-anywhere.json";
    private FakeHcp _hcp = null!;
    private FakeForge _forge = null!;
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _forge = await FakeForge.StartAsync();
        var settings = NotificationFixture.Settings(_forge);
        settings["RunTasks:Notifications:MaxAttempts"] = "2";
        _api = await ApiHost.StartAsync(_hcp, settings);
    }

    [Fact]
    public async Task Final_callback_arrives_while_the_forge_still_holds_the_comment_request()
    {
        var stall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _forge.Stall = stall;
        var task = _hcp.AddTask(Fixtures.Plan(FailingPlan));

        await _api.PostAsync(NotificationFixture.Payload(_hcp, task, _forge.GitHubPullRequest("acme/infra", 1)));
        await _forge.FirstHeld.WaitAsync(TimeSpan.FromSeconds(30));
        var final = await task.FinalAsync(TimeSpan.FromSeconds(30));

        // The tripwire: the forge has not answered anything yet, and the verdict is already with HCP Terraform.
        Assert.False(stall.Task.IsCompleted);
        Assert.Empty(_forge.Comments);
        Assert.Equal("failed", final.Status);
        Assert.Equal(DeliveryOutcome.Delivered, (await _api.WaitForDoneAsync(task.TaskResultId)).Delivery);

        stall.TrySetResult();
        await _forge.WhenAsync(c => c.Count == 1, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Refused_comment_shows_on_the_timeline_and_in_the_metric_and_the_result_is_still_done()
    {
        using var attempts = new AttemptListener();
        _forge.WriteFaults.Enqueue(403);
        var task = _hcp.AddTask(Fixtures.Plan(FailingPlan));

        await _api.PostAsync(NotificationFixture.Payload(_hcp, task, _forge.GitHubPullRequest("acme/infra", 2)));
        var history = await NotificationWait.SettledAsync(_api.Services.GetRequiredService<IGrainFactory>(), task.TaskResultId, 1);

        Assert.Contains(history, e => e.What == "Pull request comment failed: refused (HTTP 403)");
        Assert.Equal(TaskPhase.Done, (await _api.WaitForDoneAsync(task.TaskResultId)).Phase);
        Assert.Contains(("github", "rejected"), attempts.Seen);
        Assert.Empty(_forge.Comments);
    }

    [Fact]
    public async Task Comment_that_keeps_failing_is_given_up_after_its_attempts()
    {
        _forge.WriteFaults.Enqueue(503);
        _forge.WriteFaults.Enqueue(503);
        var task = _hcp.AddTask(Fixtures.Plan(FailingPlan));

        await _api.PostAsync(NotificationFixture.Payload(_hcp, task, _forge.GitHubPullRequest("acme/infra", 3)));
        var history = await NotificationWait.SettledAsync(_api.Services.GetRequiredService<IGrainFactory>(), task.TaskResultId, 1);

        Assert.Contains(history, e => e.What == "Pull request comment failed: gave up after 2 attempts (HTTP 503)");
        Assert.Single(task.Finals);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _forge.DisposeAsync();
        await _hcp.DisposeAsync();
    }

    /// <summary>Records the notification metric's (kind, outcome) pairs while it lives.</summary>
    private sealed class AttemptListener : IDisposable
    {
        private readonly MeterListener _listener = new();

        public AttemptListener()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "runtasks.notification.attempts")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                string? kind = null, outcome = null;
                foreach (var tag in tags)
                {
                    kind = tag.Key == "kind" ? tag.Value as string : kind;
                    outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
                }

                Seen.Enqueue((kind, outcome));
            });
            _listener.Start();
        }

        public System.Collections.Concurrent.ConcurrentQueue<(string?, string?)> Seen { get; } = new();

        public void Dispose() => _listener.Dispose();
    }
}
