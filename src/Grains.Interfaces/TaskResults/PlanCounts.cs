namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>What the plan would do, counted by action; the address lists are capped by the engine.</summary>
[GenerateSerializer, Alias("runtasks.PlanCounts")]
public sealed record PlanCounts(
    [property: Id(0)] int Create,
    [property: Id(1)] int Update,
    [property: Id(2)] int Replace,
    [property: Id(3)] int Delete,
    [property: Id(4)] int Read,
    [property: Id(5)] IReadOnlyList<string> Deletions,
    [property: Id(6)] IReadOnlyList<string> Replacements,
    [property: Id(7)] string? TerraformVersion,
    [property: Id(8)] bool Errored);
