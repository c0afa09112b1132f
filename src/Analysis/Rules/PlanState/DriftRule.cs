using System.Text;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.PlanState;

/// <summary>Reports, once per plan, resources changed outside Terraform since the last apply.</summary>
internal sealed class DriftRule(Severity severity) : IPlanRule
{
    /// <summary>The rule's identity and how a policy set's <c>rules.drift</c> turns into it.</summary>
    public static readonly BuiltInRule BuiltIn = BuiltInRule.For<RuleSettings>(
        new RuleDescriptor("drift", "Drift detected", "Resources changed outside Terraform since the last apply.",
            Severity.Info),
        (_, severity, rules) => rules.Plan.Add(new DriftRule(severity)));

    private readonly Severity _severity = severity;

    public string Id => BuiltIn.Id;

    public void Complete(PlanFacts facts, RuleContext context)
    {
        if (facts.DriftCount == 0)
        {
            return;
        }

        var list = new StringBuilder();
        foreach (var address in facts.Drifted.Take(50))
        {
            list.Append("- ").Append(MarkdownText.Code(address)).Append('\n');
        }

        context.ReportPlan(
            Id,
            _severity,
            "plan",
            $"{facts.DriftCount} resource{(facts.DriftCount == 1 ? " was" : "s were")} changed outside Terraform since the last run",
            "Manual changes are overwritten or kept silently depending on the configuration; they often hide emergency "
                + "fixes or unauthorised access.",
            "Review the drifted resources; fold intended changes into the configuration, or revert them.",
            list.ToString());
    }
}
