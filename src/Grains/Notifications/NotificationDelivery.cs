using System.Text.Json.Serialization;

namespace RunTasks.Grains.Notifications;

/// <summary>
/// One notification of a task result (the pull request comment, or one route), as stored in the task result's state:
/// enough to send it exactly once across crashes and to retry it with back-off. Stored names are pinned.
/// </summary>
[GenerateSerializer, Alias("runtasks.NotificationDelivery")]
public sealed record NotificationDelivery(
    [property: Id(0), JsonPropertyName("Target")] string Target,
    [property: Id(1), JsonPropertyName("Kind")] string Kind,
    [property: Id(2), JsonPropertyName("Status")] NotificationStatus Status,
    [property: Id(3), JsonPropertyName("Attempts")] int Attempts,
    [property: Id(4), JsonPropertyName("NextAt")] DateTimeOffset? NextAt,
    [property: Id(5), JsonPropertyName("Token")] string? Token = null,
    [property: Id(6), JsonPropertyName("Until")] DateTimeOffset? Until = null,
    [property: Id(7), JsonPropertyName("LastError")] string? LastError = null,
    [property: Id(8), JsonPropertyName("Fingerprint")] string? Fingerprint = null)
{
    /// <summary>The pull request comment's target; routes are <c>route:N</c>.</summary>
    public const string PullRequest = "pull_request";

    /// <summary>A comment found again by its marker is edited, never repeated, so resending one in doubt is safe.</summary>
    [JsonIgnore]
    public bool Idempotent => Target == PullRequest;

    [JsonIgnore]
    public bool Outstanding => Status is NotificationStatus.Pending or NotificationStatus.Sending;
}
