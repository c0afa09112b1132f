using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.History;

/// <summary>A finding as it is written: what identifies it (rule, address), how bad, which waiver accepted it, and its title. No plan value.</summary>
public sealed record RecordedFinding(
    string RuleId,
    FindingSeverity Severity,
    string Address,
    string? ResourceType,
    string Title,
    string? WaiverId);
