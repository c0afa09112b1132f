using RunTasks.Analysis.Conditions;

namespace RunTasks.Analysis.Policies;

/// <summary>The custom rules one file of a policy set folder adds to its set, with where their keys are written.</summary>
internal sealed record CustomRuleFile(string Source, PolicyPositions Positions, List<CustomRuleSettings> Rules);
