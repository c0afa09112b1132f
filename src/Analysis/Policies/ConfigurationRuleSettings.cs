using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Policies;

/// <summary>Settings shared by the rules over the configuration: the stages they judge at (default pre_plan and post_plan).</summary>
internal class ConfigurationRuleSettings : RuleSettings
{
    /// <summary>The configuration does not change after post_plan, so judging it again at pre_apply or post_apply only repeats findings.</summary>
    public List<string> Stages { get; set; } = ["pre_plan", "post_plan"];

    /// <summary>True when the rule judges at <paramref name="stage"/> (an unknown stage, e.g. a local check, always judges).</summary>
    public bool JudgesAt(string? stage) =>
        stage is null || Stages.Count == 0 || Stages.Any(s => string.Equals(RunStages.Normalize(s), stage, StringComparison.Ordinal));

    /// <summary>"stages must …" for an unknown stage name, else null.</summary>
    public string? ValidateStages() =>
        Stages.FirstOrDefault(s => RunStages.Normalize(s) is null) is { } bad
            ? $"stages must list pre_plan, post_plan, pre_apply or post_apply (got '{bad}')"
            : null;
}
