using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules;

/// <summary>Reports providers whose source address is not on the allow-list.</summary>
internal sealed class ProviderAllowListRule : IPlanRule
{
    private readonly Severity _severity;
    private readonly List<string> _allowed;

    public ProviderAllowListRule(Severity severity, List<string> allowed)
    {
        _severity = severity;
        _allowed = allowed;
    }

    public string Id => RuleIds.ProviderAllowList;

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
                    "Providers run with the workspace's cloud credentials; an unvetted provider can read or exfiltrate them.",
                    $"Use an approved provider ({string.Join(", ", _allowed.Take(10))}) or ask the platform team to review and add this one.");
            }
        }
    }
}
