namespace RunTasks.Grains.History;

/// <summary>
/// One workspace over a period: runs per day, its latest runs (newest first, at most 200) and its open findings: those
/// of its latest run of each stage, each with the date it was first seen.
/// </summary>
public sealed record WorkspaceHistory(
    string Organization,
    string Workspace,
    string? WorkspaceId,
    IReadOnlyList<DayCount> Days,
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<FindingRecord> OpenFindings);
