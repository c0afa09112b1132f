using Microsoft.Extensions.Options;
using RunTasks.Grains.Configuration;

namespace RunTasks.Grains.Notifications;

/// <summary>What a task result's grain needs for its notifications: the settings, the decisions, the sender and the metric.</summary>
public sealed class NotificationDispatch(
    IOptions<NotificationOptions> options,
    IOptions<RunTasksOptions> runTasks,
    NotificationSender sender,
    NotificationMetrics metrics)
{
    public NotificationOptions Options => options.Value;

    public bool AllowHttp => runTasks.Value.AllowHttp;

    public NotificationLifecycle Lifecycle { get; } = new(options.Value.Notifications);

    public NotificationSender Sender => sender;

    public NotificationMetrics Metrics => metrics;
}
