namespace RunTasks.Grains.History;

/// <summary>Runs that finished on one UTC day, by verdict (Passed + Failed + Errored = Runs).</summary>
public sealed record DayCount(DateOnly Day, int Runs, int Passed, int Failed, int Errored);
