using System.Diagnostics.Metrics;
using RunTasks.Grains.Telemetry;

namespace RunTasks.Grains.Notifications;

/// <summary>
/// <c>runtasks.notification.attempts</c> (Prometheus: <c>runtasks_notification_attempts_total</c>) by kind (github,
/// gitlab, slack, teams, webhook) and outcome (created, edited, unchanged, superseded, sent, transient, rejected, in_doubt).
/// </summary>
public sealed class NotificationMetrics
{
    private readonly Counter<long> _attempts;

    public NotificationMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _attempts = meters.Create(RunTasksMetrics.MeterName).CreateCounter<long>("runtasks.notification.attempts", "{attempt}",
            "Pull request comments, chat and webhook notifications attempted, by kind and outcome.");
    }

    public void Attempt(string kind, string outcome) => _attempts.Add(1,
        new KeyValuePair<string, object?>("kind", kind),
        new KeyValuePair<string, object?>("outcome", outcome));
}
