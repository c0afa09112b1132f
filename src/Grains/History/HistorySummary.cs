namespace RunTasks.Grains.History;

/// <summary>
/// A period at a glance: runs per day by verdict (every day of the period, empty days included), the rules and the
/// workspaces that failed most, findings new and fixed (counts, and the latest <c>top</c> of each), and the waived
/// findings by rule.
/// </summary>
public sealed record HistorySummary(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<DayCount> Days,
    IReadOnlyList<RuleCount> TopFailingRules,
    IReadOnlyList<WorkspaceCount> TopFailingWorkspaces,
    int NewFindings,
    IReadOnlyList<FindingRecord> LatestNew,
    int FixedFindings,
    IReadOnlyList<FixedFinding> LatestFixed,
    IReadOnlyList<RuleCount> WaivedByRule);
