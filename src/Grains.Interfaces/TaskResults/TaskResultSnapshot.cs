namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>A read-only view of a task result, safe to show: it never carries the access token.</summary>
[GenerateSerializer, Alias("runtasks.TaskResultSnapshot")]
public sealed record TaskResultSnapshot(
    [property: Id(0)] string TaskResultId,
    [property: Id(1)] string Stage,
    [property: Id(2)] TaskPhase Phase,
    [property: Id(3)] DateTimeOffset AcceptedAt,
    [property: Id(4)] DateTimeOffset UpdatedAt,
    [property: Id(5)] DateTimeOffset Deadline,
    [property: Id(6)] VerdictStatus? Verdict,
    [property: Id(7)] string? Message,
    [property: Id(8)] int OutcomeCount,
    [property: Id(9)] int CallbackAttempts,
    [property: Id(10)] DeliveryOutcome Delivery,
    [property: Id(11)] string? LastError,
    [property: Id(12)] DateTimeOffset? NextAttemptAt,
    [property: Id(13)] DateTimeOffset? CompletedAt,
    [property: Id(14)] int AnalysisAttempts,
    [property: Id(15)] IReadOnlyList<TaskEvent> History);
