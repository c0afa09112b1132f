namespace RunTasks.Analysis;

/// <summary>The verdict on a plan: Passed is false when any finding is an error. Message is at most 1000 chars.</summary>
public sealed record AnalysisReport(bool Passed, string Message, PlanSummary Summary, IReadOnlyList<Finding> Findings);
