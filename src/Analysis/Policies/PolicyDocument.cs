using RunTasks.Analysis.Conditions;

namespace RunTasks.Analysis.Policies;

/// <summary>One policy set as written in YAML (snake_case keys). Unknown keys are rejected so typos surface.</summary>
internal sealed class PolicyDocument
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public ScopeSettings? Scope { get; set; }

    /// <summary>When false, built-in rules not listed under <c>rules</c> are off.</summary>
    public bool BuiltinRules { get; set; } = true;

    /// <summary>When true, resources the run leaves unchanged (no-op) are judged by their state as well.</summary>
    public bool JudgeUnchanged { get; set; }

    public RulesSettings? Rules { get; set; }

    public List<CustomRuleSettings>? CustomRules { get; set; }

    /// <summary>Accepted risks; a document holding only this key is no policy set.</summary>
    public List<WaiverSettings>? Waivers { get; set; }
}
