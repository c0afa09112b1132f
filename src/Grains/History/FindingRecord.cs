using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.History;

/// <summary>
/// One recorded finding with its run's identity: rule, severity, resource address and type, the waiver that accepted it
/// and its one-line title (sensitive values already masked by the engine). Ordinal is its place in the run (errors
/// first). IsNew: not in the same workspace's previous run of that stage; FirstSeenAt: when the unbroken streak of
/// runs with this (rule, address) began.
/// </summary>
public sealed record FindingRecord
{
    public required string TaskResultId { get; init; }
    public required int Ordinal { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public string? Organization { get; init; }
    public string? Workspace { get; init; }
    public required string Stage { get; init; }
    public required string RuleId { get; init; }
    public required FindingSeverity Severity { get; init; }
    public required string Address { get; init; }
    public string? ResourceType { get; init; }
    public required string Title { get; init; }
    public string? WaiverId { get; init; }
    public bool IsNew { get; init; }
    public required DateTimeOffset FirstSeenAt { get; init; }
}
