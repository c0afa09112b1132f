using RunTasks.Analysis.Rules;

namespace RunTasks.Analysis.Engine;

/// <summary>Findings the engine reports about the plan or a rule rather than a resource; no policy set turns them off.</summary>
internal static class EngineFindings
{
    public static readonly RuleDescriptor PlanUnreadable = new("plan_unreadable", "Plan unreadable",
        "The document is not JSON, not UTF-8, not a Terraform plan, of an unsupported format, or holds a resource "
            + "change over the size limit; no policy could be checked.",
        Severity.Error);

    /// <summary>Reported at the failing rule's own severity: an error rule that cannot judge fails the run.</summary>
    public static readonly RuleDescriptor RuleFailure = new("rule_failure", "Rule could not check a resource",
        "A rule could not be evaluated (a value of an unexpected shape, or one unknown until apply); the resource was "
            + "not checked by that rule, and the finding has the rule's own severity.",
        Severity.Error);

    public static IReadOnlyList<RuleDescriptor> All { get; } = [PlanUnreadable, RuleFailure];
}
