namespace RunTasks.Analysis.Engine;

/// <summary>
/// The verdict on a plan: Passed is false when any finding is an error. Message is at most 1000 chars. PolicySets names
/// the sets this evaluation ran (null from code that built a report without evaluating one).
/// </summary>
public sealed record AnalysisReport(bool Passed, string Message, PlanSummary Summary, IReadOnlyList<Finding> Findings, IReadOnlyList<string>? PolicySets = null);
