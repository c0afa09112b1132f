namespace RunTasks.Analysis.Plans;

/// <summary>Size and seed of a synthetic plan; the same options always produce the same bytes.</summary>
public sealed record PlanGeneratorOptions(int ResourceChanges, int Seed = 42);
