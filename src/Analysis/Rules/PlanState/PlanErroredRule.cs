using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.PlanState;

/// <summary>Fails plans Terraform itself marked as errored or incomplete.</summary>
internal sealed class PlanErroredRule(Severity severity) : IPlanRule
{
    /// <summary>The rule's identity and how a policy set's <c>rules.plan_errored</c> turns into it.</summary>
    public static readonly BuiltInRule BuiltIn = BuiltInRule.For<RuleSettings>(
        new RuleDescriptor("plan_errored", "Plan errored or incomplete", "Terraform reported the plan as errored or "
            + "incomplete, so it does not show everything the apply would do.",
            Severity.Error),
        (_, severity, rules) => rules.Plan.Add(new PlanErroredRule(severity)));

    private readonly Severity _severity = severity;

    public string Id => BuiltIn.Id;

    public void Complete(PlanFacts facts, RuleContext context)
    {
        if (facts.Header.Errored)
        {
            context.ReportPlan(
                Id,
                _severity,
                "plan",
                "Terraform reported errors while planning; this plan is partial and cannot be applied",
                "An errored plan shows only the changes computed before the failure, so a clean analysis of it proves "
                    + "nothing.",
                "Fix the errors shown in the plan log and run the plan again.");
        }

        if (facts.Header.Complete == false)
        {
            context.ReportPlan(
                Id,
                _severity,
                "plan",
                "The plan is incomplete: some changes were deferred and will only be planned in a later run",
                "Deferred changes are not in this plan, so they have not been checked.",
                "Apply in stages (for example with -target for the dependencies) until Terraform produces a complete "
                    + "plan.");
        }
    }
}
