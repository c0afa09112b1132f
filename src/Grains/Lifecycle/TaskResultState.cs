using RunTasks.TaskResults;

namespace RunTasks.Lifecycle;

/// <summary>The persisted state of one task result: enough to resume after a crash and honour the original deadlines.</summary>
[GenerateSerializer, Alias("runtasks.TaskResultState")]
public sealed class TaskResultState
{
    [Id(0)] public RunTaskRequest? Request { get; set; }
    [Id(1)] public TaskPhase Phase { get; set; }
    [Id(2)] public DateTimeOffset AcceptedAt { get; set; }
    [Id(3)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(4)] public int AnalysisAttempts { get; set; }
    [Id(5)] public string? ProgressMessage { get; set; }
    /// <summary>When HCP Terraform last accepted any update from us; its 10-minute progress window runs from here.</summary>
    [Id(6)] public DateTimeOffset? LastProgressAt { get; set; }
    [Id(7)] public DateTimeOffset? NextHeartbeatAt { get; set; }
    [Id(8)] public Verdict? Verdict { get; set; }
    [Id(9)] public int CallbackAttempts { get; set; }
    [Id(10)] public DateTimeOffset? NextCallbackAt { get; set; }
    [Id(11)] public string? LastError { get; set; }
    [Id(12)] public DeliveryOutcome Delivery { get; set; }
    [Id(13)] public DateTimeOffset? CompletedAt { get; set; }
    [Id(14)] public List<TaskEvent> History { get; set; } = [];
    [Id(15)] public int HeartbeatFailures { get; set; }
    /// <summary>Until when the running plan check is presumed alive; void after a restart (see <see cref="TaskResultLifecycle.Resume"/>).</summary>
    [Id(16)] public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>True when the verdict came from the deadline watchdog rather than a plan check.</summary>
    [Id(17)] public bool WatchdogFired { get; set; }

    /// <summary>Counts every recorded change, so the grain knows whether it has something to save.</summary>
    [Id(18)] public long Revision { get; set; }
}
