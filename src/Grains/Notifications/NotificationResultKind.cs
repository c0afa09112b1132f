namespace RunTasks.Grains.Notifications;

[GenerateSerializer, Alias("runtasks.NotificationResultKind")]
public enum NotificationResultKind
{
    /// <summary>Posted, edited or delivered.</summary>
    Sent,
    /// <summary>Deliberately not sent (nothing changed, or a later run already wrote the comment).</summary>
    Skipped,
    /// <summary>Network error, timeout, 5xx or 429: try again after a back-off.</summary>
    Transient,
    /// <summary>Refused (4xx, misconfiguration): trying again cannot help.</summary>
    Rejected,
}
