using RunTasks.Grains.Lifecycle;
using RunTasks.Grains.Notifications;
using static RunTasks.Tests.Notifications.NotificationSamples;

namespace RunTasks.Tests.Notifications;

/// <summary>The notification rules, with explicit times: planned once, sent once, retried with back-off, never twice after a crash.</summary>
public sealed class NotificationLifecycleTests
{
    private static readonly RouteOptions Options = new() { MaxAttempts = 3, InitialBackoff = TimeSpan.FromSeconds(2), MaxBackoff = TimeSpan.FromMinutes(1) };
    private readonly NotificationLifecycle _lifecycle = new(Options, new Random(1));

    private static readonly NotificationTarget[] Targets =
        [new(NotificationDelivery.PullRequest, ForgeKinds.GitHub), new("route:0", "slack", "f1")];

    private static TaskResultState Decided()
    {
        var s = new TaskResultState { Request = Request(), Verdict = Failed() };
        NotificationLifecycle.Plan(s, Targets, At);
        return s;
    }

    [Fact]
    public void Notifications_are_planned_once()
    {
        var s = Decided();

        Assert.False(NotificationLifecycle.Plan(s, [new("route:9", "teams")], At));
        Assert.Equal([NotificationDelivery.PullRequest, "route:0"], s.Notifications!.Select(d => d.Target));
        Assert.Contains(s.History, e => e.What == "Notifications due: pull request comment, slack route 0");
    }

    [Fact]
    public void Nothing_is_planned_before_the_verdict()
    {
        var s = new TaskResultState { Request = Request() };

        Assert.False(NotificationLifecycle.Plan(s, Targets, At));
        Assert.Null(s.Notifications);
    }

    [Fact]
    public void Due_notifications_are_taken_once()
    {
        var s = Decided();

        var first = _lifecycle.TakeDue(s, At);
        var second = _lifecycle.TakeDue(s, At);

        Assert.Equal(2, first.Count);
        Assert.Empty(second);
        Assert.All(first, d => Assert.Equal(NotificationStatus.Sending, d.Status));
    }

    [Fact]
    public void Sent_notification_is_done_and_on_the_timeline()
    {
        var s = Decided();
        var send = _lifecycle.TakeDue(s, At)[0];

        Assert.True(_lifecycle.Apply(s, send.Target, send.Token!, new(NotificationResultKind.Sent, "created", "comment 5 written"), At));

        Assert.Equal(NotificationStatus.Sent, s.Notifications![0].Status);
        Assert.Contains(s.History, e => e.What == "Pull request comment: comment 5 written");
    }

    [Fact]
    public void Answer_with_a_stale_token_changes_nothing()
    {
        var s = Decided();
        var send = _lifecycle.TakeDue(s, At)[0];

        Assert.False(_lifecycle.Apply(s, send.Target, "0123456789abcdef0123456789abcdef", new(NotificationResultKind.Sent, "created", "x"), At));
        Assert.Equal(NotificationStatus.Sending, s.Notifications![0].Status);
    }

    [Fact]
    public void Transient_failure_is_retried_no_sooner_than_retry_after()
    {
        var s = Decided();
        var send = _lifecycle.TakeDue(s, At)[1];

        _lifecycle.Apply(s, send.Target, send.Token!, NotificationResult.Transient("HTTP 429", TimeSpan.FromSeconds(45)), At);

        Assert.Equal(NotificationStatus.Pending, s.Notifications![1].Status);
        Assert.Equal(At.AddSeconds(45), s.Notifications[1].NextAt);
        Assert.DoesNotContain(_lifecycle.TakeDue(s, At.AddSeconds(44)), d => d.Target == "route:0");
        Assert.Single(_lifecycle.TakeDue(s, At.AddSeconds(45)), d => d.Target == "route:0");
    }

    [Fact]
    public void After_the_last_attempt_the_notification_fails_and_says_so()
    {
        var s = Decided();
        var now = At;
        for (var i = 0; i < Options.MaxAttempts; i++)
        {
            var send = _lifecycle.TakeDue(s, now).Single(d => d.Target == "route:0");
            _lifecycle.Apply(s, send.Target, send.Token!, NotificationResult.Transient("HTTP 503"), now);
            now += TimeSpan.FromMinutes(2);
        }

        Assert.Equal(NotificationStatus.Failed, s.Notifications![1].Status);
        Assert.Contains(s.History, e => e.What == "Slack route 0 failed: gave up after 3 attempts (HTTP 503)");
        Assert.Null(NotificationLifecycle.NextDue(new TaskResultState { Notifications = [s.Notifications[1]] }));
    }

    [Fact]
    public void Refusal_is_not_retried()
    {
        var s = Decided();
        var send = _lifecycle.TakeDue(s, At)[0];

        _lifecycle.Apply(s, send.Target, send.Token!, NotificationResult.Rejected("HTTP 403"), At);

        Assert.Equal(NotificationStatus.Failed, s.Notifications![0].Status);
        Assert.Equal(1, s.Notifications[0].Attempts);
    }

    [Fact]
    public void After_a_crash_the_comment_is_sent_again_because_its_marker_makes_it_an_edit()
    {
        var s = Decided();
        _lifecycle.TakeDue(s, At);

        NotificationLifecycle.Resume(s, At.AddMinutes(1));

        Assert.Equal(NotificationStatus.Pending, s.Notifications![0].Status);
        Assert.Equal(NotificationDelivery.PullRequest, Assert.Single(_lifecycle.TakeDue(s, At.AddMinutes(1))).Target);
    }

    [Fact]
    public void After_a_crash_a_chat_message_in_doubt_is_never_sent_twice()
    {
        var s = Decided();
        _lifecycle.TakeDue(s, At);

        NotificationLifecycle.Resume(s, At.AddMinutes(1));

        Assert.Equal(NotificationStatus.Failed, s.Notifications![1].Status);
        Assert.Contains(s.History, e => e.What.StartsWith("Slack route 0 in doubt", StringComparison.Ordinal));
    }

    [Fact]
    public void Sends_whose_record_was_not_saved_are_due_again_later()
    {
        var s = Decided();
        var due = _lifecycle.TakeDue(s, At);

        _lifecycle.NotSent(s, due, At);

        Assert.All(s.Notifications!, d => Assert.Equal((NotificationStatus.Pending, 0), (d.Status, d.Attempts)));
        Assert.Empty(_lifecycle.TakeDue(s, At));
    }
}
