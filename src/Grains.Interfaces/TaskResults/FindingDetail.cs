namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>One finding as the details page shows it; Body is the engine's markdown, sensitive values already masked.</summary>
[GenerateSerializer, Alias("runtasks.FindingDetail")]
public sealed record FindingDetail(
    [property: Id(0)] string RuleId,
    [property: Id(1)] FindingSeverity Severity,
    [property: Id(2)] string Address,
    [property: Id(3)] string Description,
    [property: Id(4)] string Body);
