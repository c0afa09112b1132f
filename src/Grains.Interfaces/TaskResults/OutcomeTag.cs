namespace RunTasks.TaskResults;

/// <summary>A label under a tag heading such as Severity or Status; level is none, info, warning or error.</summary>
[GenerateSerializer, Alias("runtasks.OutcomeTag")]
public sealed record OutcomeTag(
    [property: Id(0)] string Key,
    [property: Id(1)] string Label,
    [property: Id(2)] string Level);
