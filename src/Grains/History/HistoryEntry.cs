namespace RunTasks.Grains.History;

/// <summary>
/// What the grain hands to the recorder for one finished task result. The store fills in what depends on earlier runs
/// (<see cref="RunRecord.NewFindings"/>, <see cref="RunRecord.FixedFindings"/>, <see cref="RunRecord.PreviousTaskResultId"/>).
/// </summary>
public sealed record HistoryEntry(RunRecord Run, IReadOnlyList<RecordedFinding> Findings);
