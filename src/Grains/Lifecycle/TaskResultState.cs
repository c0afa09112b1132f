using System.Text.Json.Serialization;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Lifecycle;

/// <summary>
/// The persisted state of one task result: enough to resume after a crash and honour the original deadlines.
/// Stored names are pinned (<see cref="JsonPropertyNameAttribute"/>): a C# rename must not drop a field of every stored result.
/// </summary>
[GenerateSerializer, Alias("runtasks.TaskResultState")]
public sealed class TaskResultState
{
    [Id(0), JsonPropertyName("Request")] public RunTaskRequest? Request { get; set; }
    [Id(1), JsonPropertyName("Phase")] public TaskPhase Phase { get; set; }
    [Id(2), JsonPropertyName("AcceptedAt")] public DateTimeOffset AcceptedAt { get; set; }
    [Id(3), JsonPropertyName("UpdatedAt")] public DateTimeOffset UpdatedAt { get; set; }
    [Id(4), JsonPropertyName("AnalysisAttempts")] public int AnalysisAttempts { get; set; }
    [Id(5), JsonPropertyName("ProgressMessage")] public string? ProgressMessage { get; set; }
    /// <summary>When HCP Terraform last accepted any update from us; its 10-minute progress window runs from here.</summary>
    [Id(6), JsonPropertyName("LastProgressAt")] public DateTimeOffset? LastProgressAt { get; set; }
    [Id(7), JsonPropertyName("NextHeartbeatAt")] public DateTimeOffset? NextHeartbeatAt { get; set; }
    [Id(8), JsonPropertyName("Verdict")] public Verdict? Verdict { get; set; }
    [Id(9), JsonPropertyName("CallbackAttempts")] public int CallbackAttempts { get; set; }
    [Id(10), JsonPropertyName("NextCallbackAt")] public DateTimeOffset? NextCallbackAt { get; set; }
    [Id(11), JsonPropertyName("LastError")] public string? LastError { get; set; }
    [Id(12), JsonPropertyName("Delivery")] public DeliveryOutcome Delivery { get; set; }
    [Id(13), JsonPropertyName("CompletedAt")] public DateTimeOffset? CompletedAt { get; set; }
    [Id(14), JsonPropertyName("History")] public List<TaskEvent> History { get; set; } = [];
    [Id(15), JsonPropertyName("HeartbeatFailures")] public int HeartbeatFailures { get; set; }
    /// <summary>Until when the running plan check is presumed alive; void after a restart (see <see cref="TaskResultLifecycle.Resume"/>).</summary>
    [Id(16), JsonPropertyName("LeaseUntil")] public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Why the deadline watchdog gave the verdict (<c>total</c> or <c>progress</c>); null when a plan check did.</summary>
    [Id(17), JsonPropertyName("Watchdog")] public string? Watchdog { get; set; }

    /// <summary>Counts every recorded change, so the grain knows whether it has something to save.</summary>
    [Id(18), JsonPropertyName("Revision")] public long Revision { get; set; }

    /// <summary>The unguessable token of the current plan check; its progress and verdict count only with it.</summary>
    [Id(19), JsonPropertyName("CheckToken")] public string? CheckToken { get; set; }

    /// <summary>The callback on its way to HCP Terraform, if any: at most one at a time; void after a restart.</summary>
    [Id(20), JsonPropertyName("Sending")] public CallbackInFlight? Sending { get; set; }

    /// <summary>Numbers the callbacks handed to the sender (for logs and metrics).</summary>
    [Id(21), JsonPropertyName("CallbacksSent")] public int CallbacksSent { get; set; }

    /// <summary>The pull request comment and chat or webhook routes the verdict called for; null until the verdict is known.</summary>
    [Id(40), JsonPropertyName("Notifications")] public List<Notifications.NotificationDelivery>? Notifications { get; set; }

    /// <summary>Events kept on the timeline: the first (received) and the latest ones.</summary>
    public const int HistoryLimit = 100;

    /// <summary>A change worth showing on the timeline: counted (a new revision to save) and stamped.</summary>
    public void Record(DateTimeOffset now, string what)
    {
        Revision++;
        UpdatedAt = now;
        History.Add(new TaskEvent(now, what));
        if (History.Count > HistoryLimit)
        {
            History.RemoveRange(1, History.Count - HistoryLimit);
        }
    }
}
