using System.Security.Cryptography;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Lifecycle;

namespace RunTasks.Grains.Notifications;

/// <summary>
/// Every decision about a task result's notifications, as plain logic over its state and the time: which are due, what
/// an answer changes, and what a restart leaves of a send in flight. The grain saves the state before handing a send
/// over, so a crash never loses a record of what may have gone out.
/// </summary>
public sealed class NotificationLifecycle(RouteOptions options, Random? jitter = null)
{
    /// <summary>How long the sender's answer may take beyond the attempt's own limit before the send counts as lost.</summary>
    private static readonly TimeSpan ReportGrace = TimeSpan.FromSeconds(30);

    /// <summary>Records the notifications the verdict calls for, once: later calls change nothing.</summary>
    public static bool Plan(TaskResultState s, IReadOnlyList<NotificationTarget> targets, DateTimeOffset now)
    {
        if (s.Notifications is not null || s.Verdict is null)
        {
            return false;
        }

        s.Notifications = [.. targets.Select(t => new NotificationDelivery(t.Target, t.Kind, NotificationStatus.Pending, 0, now, Fingerprint: t.Fingerprint))];
        s.Revision++;
        if (targets.Count > 0)
        {
            s.Record(now, $"Notifications due: {string.Join(", ", targets.Select(Describe))}");
        }

        return true;
    }

    /// <summary>
    /// After a crash or a move, a send in flight has no answer coming. A comment is sent again (its marker makes that an
    /// edit); a chat or webhook message may have gone out, so it is not sent again: never twice.
    /// </summary>
    public static void Resume(TaskResultState s, DateTimeOffset now)
    {
        if (s.Notifications is not { } list)
        {
            return;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Status == NotificationStatus.Sending)
            {
                list[i] = InDoubt(s, list[i], now);
            }
        }
    }

    /// <summary>The notifications to send now, each marked as on its way with a fresh token (the grain saves before sending).</summary>
    public IReadOnlyList<NotificationDelivery> TakeDue(TaskResultState s, DateTimeOffset now)
    {
        if (s.Notifications is not { } list)
        {
            return [];
        }

        var due = new List<NotificationDelivery>();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is { Status: NotificationStatus.Sending } lost && lost.Until <= now)
            {
                list[i] = InDoubt(s, lost, now); // the sender's answer never came
            }

            if (list[i] is { Status: NotificationStatus.Pending } pending && (pending.NextAt ?? now) <= now)
            {
                list[i] = pending with
                {
                    Status = NotificationStatus.Sending,
                    Attempts = pending.Attempts + 1,
                    Token = RandomNumberGenerator.GetHexString(32, lowercase: true),
                    Until = now + NotificationSender.SendLimit(options) + ReportGrace,
                    NextAt = null,
                };
                due.Add(list[i]);
                s.Revision++;
            }
        }

        return due;
    }

    /// <summary>The state naming these sends could not be saved, so they were not sent: they are due again after a pause.</summary>
    public void NotSent(TaskResultState s, IEnumerable<NotificationDelivery> sends, DateTimeOffset now)
    {
        foreach (var send in sends)
        {
            Update(s, send.Target, send.Token!, d => d with
            {
                Status = NotificationStatus.Pending,
                Attempts = d.Attempts - 1,
                Token = null,
                Until = null,
                NextAt = now + Backoff.Delay(1, options.InitialBackoff, options.MaxBackoff, null, jitter),
            });
        }
    }

    /// <summary>The sender's answer; false when it is not for the send in flight (stale, or forged).</summary>
    public bool Apply(TaskResultState s, string target, string token, NotificationResult result, DateTimeOffset now)
    {
        var index = s.Notifications?.FindIndex(d => d.Target == target && d.Status == NotificationStatus.Sending && d.Token is { } t
            && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(t), System.Text.Encoding.ASCII.GetBytes(token))) ?? -1;
        if (index < 0)
        {
            return false;
        }

        var list = s.Notifications!;
        var d = list[index] with { Token = null, Until = null };
        var what = Describe(d);
        switch (result.Kind)
        {
            case NotificationResultKind.Sent:
                list[index] = d with { Status = NotificationStatus.Sent, LastError = null };
                s.Record(now, $"{Capital(what)}: {result.Detail}");
                break;
            case NotificationResultKind.Skipped:
                list[index] = d with { Status = NotificationStatus.Skipped, LastError = null };
                s.Record(now, $"{Capital(what)} not sent: {result.Detail}");
                break;
            case NotificationResultKind.Transient when d.Attempts < options.MaxAttempts:
                var next = now + Backoff.Delay(d.Attempts, options.InitialBackoff, options.MaxBackoff, result.RetryAfter, jitter);
                list[index] = d with { Status = NotificationStatus.Pending, NextAt = next, LastError = result.Detail };
                s.Record(now, $"{Capital(what)} attempt {d.Attempts} failed ({result.Detail}); next at {next:O}");
                break;
            default:
                var why = result.Kind == NotificationResultKind.Transient ? $"gave up after {d.Attempts} attempts ({result.Detail})" : $"refused ({result.Detail})";
                list[index] = d with { Status = NotificationStatus.Failed, LastError = result.Detail };
                s.Record(now, $"{Capital(what)} failed: {why}");
                break;
        }

        return true;
    }

    /// <summary>When something about the notifications is next due, or null when none is outstanding.</summary>
    public static DateTimeOffset? NextDue(TaskResultState s)
    {
        DateTimeOffset? due = null;
        foreach (var d in s.Notifications ?? [])
        {
            var at = d.Status switch
            {
                NotificationStatus.Pending => d.NextAt ?? DateTimeOffset.MinValue,
                NotificationStatus.Sending => d.Until,
                _ => null,
            };
            if (at is { } t && (due is null || t < due))
            {
                due = t;
            }
        }

        return due;
    }

    /// <summary>How the timeline names a notification.</summary>
    public static string Describe(NotificationDelivery d) => Describe(new NotificationTarget(d.Target, d.Kind));

    private static string Describe(NotificationTarget t) => t.Target == NotificationDelivery.PullRequest
        ? (t.Kind == ForgeKinds.GitLab ? "merge request comment" : "pull request comment")
        : $"{t.Kind} {t.Target.Replace(':', ' ')}";

    private static NotificationDelivery InDoubt(TaskResultState s, NotificationDelivery sending, DateTimeOffset now)
    {
        if (sending.Idempotent)
        {
            return sending with { Status = NotificationStatus.Pending, Token = null, Until = null, NextAt = now };
        }

        s.Record(now, $"{Capital(Describe(sending))} in doubt: the send was interrupted and may have arrived; not sent again, so it is never sent twice");
        return sending with { Status = NotificationStatus.Failed, Token = null, Until = null, LastError = "in doubt after an interruption" };
    }

    private static void Update(TaskResultState s, string target, string token, Func<NotificationDelivery, NotificationDelivery> change)
    {
        var index = s.Notifications?.FindIndex(d => d.Target == target && d.Token == token) ?? -1;
        if (index >= 0)
        {
            s.Notifications![index] = change(s.Notifications[index]);
            s.Revision++;
        }
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
