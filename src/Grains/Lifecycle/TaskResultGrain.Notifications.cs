using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Notifications;

namespace RunTasks.Grains.Lifecycle;

/// <summary>
/// The task result's notifications (pull request comment, chat and webhook routes): planned once the verdict is known,
/// recorded and saved before each send, sent by <see cref="NotificationSender"/> off the turn, answered through
/// <see cref="INotificationReports"/>. They never hold up the callback; a finished result waits for them before it retires.
/// </summary>
public sealed partial class TaskResultGrain : INotificationReports
{
    private static readonly TimeSpan NotificationSettleTime = TimeSpan.FromSeconds(5);

    // Sends on their way from this activation, so a graceful stop can record their answers (see SettleNotificationsAsync).
    private readonly Dictionary<string, (string Token, Task<NotificationResult> Send)> _notifying = [];

    /// <summary>After a restart, sends in flight are void: a comment is due again, a chat or webhook message is in doubt.</summary>
    private void ResumeNotifications()
    {
        var inDoubt = S.Notifications?.Where(d => d is { Status: NotificationStatus.Sending, Idempotent: false }).Select(d => d.Kind).ToList() ?? [];
        NotificationLifecycle.Resume(S, Now);
        foreach (var kind in inDoubt)
        {
            notifications.Metrics.Attempt(kind, "in_doubt");
        }
    }

    /// <summary>
    /// Plans the notifications once a verdict exists and hands over those due, after saving the state that names them (a
    /// crash then leaves a record, never a silent second send). Returns when they next need the grain, or null when done.
    /// </summary>
    private async Task<DateTimeOffset?> NotifyAsync()
    {
        if (S.Request is not { } request || S.Verdict is not { } verdict)
        {
            return null;
        }

        // Planned as the verdict goes out (every verdict passes a Sleep before Done); a result finished before notifications
        // existed is never notified days later.
        if (S.Notifications is null && S.Phase != TaskPhase.Done)
        {
            NotificationLifecycle.Plan(S, NotificationPlanner.Targets(request, verdict, notifications.Options, notifications.AllowHttp), Now);
        }

        foreach (var lost in S.Notifications?.Where(d => d is { Status: NotificationStatus.Sending, Idempotent: false } && d.Until <= Now) ?? [])
        {
            notifications.Metrics.Attempt(lost.Kind, "in_doubt");
        }

        var due = notifications.Lifecycle.TakeDue(S, Now);
        if (due.Count > 0)
        {
            await SaveAsync();
            if (S.Revision != _savedRevision)
            {
                notifications.Lifecycle.NotSent(S, due, Now);
            }
            else
            {
                var subject = NotificationSubject.From(request, verdict, DetailsUrl(), S.AcceptedAt);
                foreach (var send in due)
                {
                    _notifying[send.Target] = (send.Token!, notifications.Sender.Send(request.TaskResultId, send, subject));
                }
            }
        }

        return NotificationLifecycle.NextDue(S);
    }

    public Task ReportNotification(string target, string sendToken, NotificationResult result)
    {
        var kind = S.Notifications?.FirstOrDefault(d => d.Target == target)?.Kind;
        if (kind is null || !notifications.Lifecycle.Apply(S, target, sendToken, result, Now))
        {
            return Task.CompletedTask;
        }

        _notifying.Remove(target);
        notifications.Metrics.Attempt(kind, result.Outcome);
        return AdvanceAsync();
    }

    /// <summary>On a graceful stop, answers about to arrive are recorded, so the next activation does not doubt them.</summary>
    private async Task SettleNotificationsAsync(CancellationToken cancellationToken)
    {
        foreach (var (target, (token, send)) in _notifying.ToList())
        {
            try
            {
                var result = await send.WaitAsync(NotificationSettleTime, time, cancellationToken);
                if (notifications.Lifecycle.Apply(S, target, token, result, Now))
                {
                    notifications.Metrics.Attempt(S.Notifications!.First(d => d.Target == target).Kind, result.Outcome);
                }
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                // Still on its way: the next activation decides (a comment again, a message in doubt).
            }
        }

        _notifying.Clear();
    }

    private static DateTimeOffset Earliest(DateTimeOffset at, DateTimeOffset? other) => other is { } o && o < at ? o : at;
}
