using System.Text;
using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Rules.BlastRadius;

/// <summary>Fails a run that deletes or replaces more resources than the configured limit.</summary>
internal sealed class BlastRadiusRule(Severity severity, int max) : IPlanRule
{
    /// <summary>The rule's identity and how a policy set's <c>rules.blast_radius</c> turns into it.</summary>
    public static readonly BuiltInRule BuiltIn = BuiltInRule.For<BlastRadiusSettings>(
        new RuleDescriptor("blast_radius", "Too many destructive changes", "More deletions and replacements in one run "
            + "than the policy allows.",
            Severity.Error),
        (settings, severity, rules) => rules.Plan.Add(new BlastRadiusRule(severity, settings.MaxDestructiveChanges)),
        validate: settings => settings.MaxDestructiveChanges < 0 ? "max_destructive_changes must be zero or more" : null);

    private readonly Severity _severity = severity;
    private readonly int _max = max;

    public string Id => BuiltIn.Id;

    public void Complete(PlanFacts facts, RuleContext context)
    {
        var total = facts.Delete + facts.Replace;
        if (total <= _max)
        {
            return;
        }

        var list = new StringBuilder();
        foreach (var address in facts.Deletions.Take(25))
        {
            list.Append("- destroy ").Append(MarkdownText.Code(address)).Append('\n');
        }

        foreach (var address in facts.Replacements.Take(25))
        {
            list.Append("- replace ").Append(MarkdownText.Code(address)).Append('\n');
        }

        if (total > 50)
        {
            list.Append("- …\n");
        }

        context.ReportPlan(
            Id,
            _severity,
            "plan",
            $"{total} resources would be destroyed or replaced ({facts.Delete} destroyed, {facts.Replace} replaced); the limit is {_max}",
            "A run touching this many resources destructively is usually a mistake: a renamed module, a changed "
                + "for_each key, a wrong workspace or variable file.",
            "Check the plan for renames (use `moved` blocks) or a wrong variable set. Split intended large changes "
                + "into smaller runs, or raise `max_destructive_changes` for this workspace's policy set.",
            list.ToString());
    }
}
