namespace RunTasks.Grains.History;

/// <summary>A rule in a summary: the failed runs it had an error finding in, and its findings (of the kind counted).</summary>
public sealed record RuleCount(string RuleId, int Runs, int Findings);
