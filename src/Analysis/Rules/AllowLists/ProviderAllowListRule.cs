using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.AllowLists;

/// <summary>Reports providers whose source address is not on the allow-list.</summary>
internal sealed class ProviderAllowListRule(Severity severity, List<string> allowed) : IPlanRule
{
    /// <summary>The rule's identity and how a policy set's <c>rules.provider_allow_list</c> turns into it.</summary>
    public static readonly BuiltInRule BuiltIn = BuiltInRule.For<ProviderAllowListSettings>(
        new RuleDescriptor("provider_allow_list", "Provider not allowed", "The plan uses a provider that matches none "
            + "of the allowed provider globs.",
            Severity.Error),
        (settings, severity, rules) => rules.Plan.Add(new ProviderAllowListRule(severity, settings.Providers)),
        hasWork: settings => settings.Providers.Count > 0);

    private readonly Severity _severity = severity;
    private readonly List<string> _allowed = allowed;

    public string Id => BuiltIn.Id;

    public void Complete(PlanFacts facts, RuleContext context)
    {
        foreach (var provider in facts.Providers.Order(StringComparer.Ordinal))
        {
            if (!Glob.AnyMatch(_allowed, provider))
            {
                context.ReportPlan(
                    Id,
                    _severity,
                    provider,
                    $"Provider {provider} is not on the allow-list",
                    "Providers run with the workspace's cloud credentials; an unvetted provider can read or exfiltrate "
                        + "them.",
                    $"Use an approved provider ({string.Join(", ", _allowed.Take(10))}) or ask the platform team to review and add this one.");
            }
        }
    }
}
