namespace RunTasks.TaskResults;

/// <summary>One structured result, shown by HCP Terraform as a row in the task result's outcomes.</summary>
[GenerateSerializer, Alias("runtasks.Outcome")]
public sealed record Outcome(
    [property: Id(0)] string OutcomeId,
    [property: Id(1)] string Description,
    [property: Id(2)] string? Body,
    [property: Id(3)] IReadOnlyList<OutcomeTag> Tags);
