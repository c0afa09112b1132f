namespace RunTasks.Grains.Notifications;

/// <summary><c>RunTasks:Notifications</c>: chat and webhook routes, and how hard every notification is tried.</summary>
public sealed class RouteOptions
{
    public NotificationRoute[] Routes { get; set; } = [];

    /// <summary>Attempts per notification (network errors, 5xx and 429 are retried with back-off, honouring Retry-After).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The limit of one request to a forge, chat or webhook.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first retry's delay; it doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}
