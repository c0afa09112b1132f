using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.AllowLists;

/// <summary>Reports module calls whose source is not on the allow-list.</summary>
internal sealed class ModuleAllowListRule(Severity severity, ModuleAllowListSettings settings) : IPlanRule
{
    /// <summary>The rule's identity and how a policy set's <c>rules.module_allow_list</c> turns into it.</summary>
    public static readonly BuiltInRule BuiltIn = BuiltInRule.For<ModuleAllowListSettings>(
        new RuleDescriptor("module_allow_list", "Module source not allowed", "A module call's source matches none of "
            + "the allowed source globs.",
            Severity.Error),
        (settings, severity, rules) => rules.Plan.Add(new ModuleAllowListRule(severity, settings)),
        hasWork: settings => settings.Sources.Count > 0);

    private readonly Severity _severity = severity;
    private readonly ModuleAllowListSettings _settings = settings;

    public string Id => BuiltIn.Id;

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
                "Modules run with the workspace's credentials and shape its infrastructure; unreviewed sources bypass "
                    + "the platform team's standards and can change under you.",
                $"Use an approved module source ({string.Join(", ", _settings.Sources.Take(10))}) or ask the platform team to add this one.");
        }
    }
}
