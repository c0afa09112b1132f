namespace RunTasks.Grains.History;

/// <summary>One recorded task result, its findings in order, and what it fixed since the workspace's previous run of that stage.</summary>
public sealed record RunDetail(RunRecord Run, IReadOnlyList<FindingRecord> Findings, IReadOnlyList<FixedFinding> Fixed);
