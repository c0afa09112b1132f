using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.History;

/// <summary>A finding of a workspace's previous run that the run <see cref="FixedIn"/> no longer has.</summary>
public sealed record FixedFinding(
    string FixedIn,
    DateTimeOffset FixedAt,
    string? Organization,
    string? Workspace,
    string Stage,
    string RuleId,
    FindingSeverity Severity,
    string Address,
    string Title);
