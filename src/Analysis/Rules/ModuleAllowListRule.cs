using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules;

/// <summary>Reports module calls whose source is not on the allow-list.</summary>
internal sealed class ModuleAllowListRule : IPlanRule
{
    private readonly Severity _severity;
    private readonly ModuleAllowListSettings _settings;

    public ModuleAllowListRule(Severity severity, ModuleAllowListSettings settings)
    {
        _severity = severity;
        _settings = settings;
    }

    public string Id => RuleIds.ModuleAllowList;

    public void Complete(PlanFacts facts, RuleContext context)
    {
        foreach (var source in facts.ModuleSources.Order(StringComparer.Ordinal))
        {
            var local = source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith("../", StringComparison.Ordinal);
            if ((local && _settings.AllowLocal) || Glob.AnyMatch(_settings.Sources, source))
            {
                continue;
            }

            context.ReportPlan(
                Id,
                _severity,
                source,
                $"Module source {source} is not on the allow-list",
                "Modules run with the workspace's credentials and shape its infrastructure; unreviewed sources bypass the platform team's standards and can change under you.",
                $"Use an approved module source ({string.Join(", ", _settings.Sources.Take(10))}) or ask the platform team to add this one.");
        }
    }
}
