namespace RunTasks.PlanGenerator;

/// <summary>Size and seed of a synthetic plan; the same options always produce the same bytes.</summary>
public sealed record SyntheticPlanOptions(int ResourceChanges, int Seed = 42);
