using RunTasks.Analysis.Engine;

namespace RunTasks.Cli.Testing;

/// <summary>
/// One example plan with what the policy sets must make of it. <see cref="PlanPath"/> names a plan file, or
/// <see cref="PlanJson"/> holds a plan built from the case's inline resource_changes. <see cref="Now"/> pins the time waivers
/// expire by (null: the current time); <see cref="Waived"/> lists waiver ids that must waive a finding of the plan.
/// </summary>
public sealed record PolicyTestCase(
    string File,
    string Name,
    string? PlanPath,
    string? PlanJson,
    EvaluationScope Scope,
    bool? ExpectPassed,
    IReadOnlyList<string> Findings,
    IReadOnlyList<string> Absent,
    DateTimeOffset? Now = null,
    IReadOnlyList<string>? Waived = null)
{
    /// <summary>How the case is named in the output: its file relative to the tests folder, and its name.</summary>
    public string Label => $"{File} › {Name}";
}
