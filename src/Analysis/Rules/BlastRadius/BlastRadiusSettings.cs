using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.BlastRadius;

/// <summary>Blast radius: how many deletions plus replacements one run may contain.</summary>
internal sealed class BlastRadiusSettings : RuleSettings
{
    public int MaxDestructiveChanges { get; set; } = 10;
}
