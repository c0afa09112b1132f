namespace RunTasks.Analysis.Rules;

/// <summary>Findings the engine reports about the plan or a rule rather than a resource; no policy set turns them off.</summary>
internal static class EngineFindings
{
    public static readonly RuleDescriptor PlanUnreadable = new("plan_unreadable", "Plan unreadable", "The document is not JSON, not UTF-8, not a Terraform plan, of an unsupported format, or holds a resource change over the size limit; no policy could be checked.", Severity.Error);

    public static readonly RuleDescriptor RuleFailure = new("rule_failure", "Rule could not check a resource", "A rule failed on a value of an unexpected shape; the resource was not checked by that rule.", Severity.Warning);

    public static IReadOnlyList<RuleDescriptor> All { get; } = [PlanUnreadable, RuleFailure];
}
