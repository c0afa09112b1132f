namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>
/// One finding as the details page shows it. Body is the engine's markdown, sensitive values already masked. The
/// fields from Action on are the same body as data (null in results stored before they existed): Action, Attribute,
/// Before and After are plain text from the plan; Why, Fix and Notes are the rule's markdown with plan text escaped.
/// Waiver is the waiver that accepted the finding (it then fails no run), or null.
/// </summary>
[GenerateSerializer, Alias("runtasks.FindingDetail")]
public sealed record FindingDetail(
    [property: Id(0)] string RuleId,
    [property: Id(1)] FindingSeverity Severity,
    [property: Id(2)] string Address,
    [property: Id(3)] string Description,
    [property: Id(4)] string Body,
    [property: Id(5)] string? Action = null,
    [property: Id(6)] string? Attribute = null,
    [property: Id(7)] string? Before = null,
    [property: Id(8)] string? After = null,
    [property: Id(9)] string? Why = null,
    [property: Id(10)] string? Fix = null,
    [property: Id(11)] string? Notes = null,
    [property: Id(12)] WaiverDetail? Waiver = null);
