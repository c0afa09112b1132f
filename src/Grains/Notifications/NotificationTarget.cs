namespace RunTasks.Grains.Notifications;

/// <summary>
/// A notification a verdict calls for: <paramref name="Target"/> names it within the task result, <paramref name="Kind"/>
/// says how it is sent (github, gitlab, slack, teams, webhook), <paramref name="Fingerprint"/> ties a route to its settings.
/// </summary>
public sealed record NotificationTarget(string Target, string Kind, string? Fingerprint = null);
