namespace RunTasks.Grains.Notifications;

/// <summary>What one attempt at a notification came to; <paramref name="Outcome"/> is the metric label (created, edited, sent…).</summary>
[GenerateSerializer, Alias("runtasks.NotificationResult")]
public sealed record NotificationResult(
    [property: Id(0)] NotificationResultKind Kind,
    [property: Id(1)] string Outcome,
    [property: Id(2)] string Detail,
    [property: Id(3)] TimeSpan? RetryAfter = null)
{
    public static NotificationResult Transient(string detail, TimeSpan? retryAfter = null) => new(NotificationResultKind.Transient, "transient", detail, retryAfter);

    public static NotificationResult Rejected(string detail) => new(NotificationResultKind.Rejected, "rejected", detail);
}
