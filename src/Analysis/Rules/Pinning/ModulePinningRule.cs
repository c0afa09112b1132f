using RunTasks.Analysis.Configuration;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.Pinning;

/// <summary>Reports module calls whose code can change without a change to the configuration: unpinned registry versions, branch refs, archives without a checksum.</summary>
internal sealed class ModulePinningRule(Severity severity, ModulePinningSettings settings) : IPlanRule
{
    /// <summary>The rule's identity and how a policy set's <c>rules.module_pinning</c> turns into it.</summary>
    public static readonly BuiltInRule BuiltIn = BuiltInRule.For<ModulePinningSettings>(
        new RuleDescriptor("module_pinning", "Module version not pinned", "A module call takes whatever version its "
            + "source serves: a registry module without a bounded version, a git or mercurial source without a ref "
            + "to a tag or commit, or an archive without a checksum.",
            Severity.Warning),
        (settings, severity, rules) => rules.Plan.Add(new ModulePinningRule(severity, settings)),
        validate: settings => settings.ValidateStages());

    private readonly Severity _severity = severity;
    private readonly ModulePinningSettings _settings = settings;

    public string Id => BuiltIn.Id;

    public void Complete(PlanFacts facts, RuleContext context)
    {
        if (!_settings.JudgesAt(facts.Stage))
        {
            return;
        }

        foreach (var call in facts.Configuration.ModuleCalls.OrderBy(c => c.Location?.ToString() ?? c.Address, StringComparer.Ordinal))
        {
            if (call.Source is not { Length: > 0 } source || ModuleSource.IsLocal(source) || Glob.AnyMatch(_settings.TrustedSources, source))
            {
                continue;
            }

            if (Problem(source, call.VersionConstraint) is { } problem)
            {
                context.ReportPlan(
                    Id,
                    _severity,
                    call.Location?.ToString() ?? call.Address,
                    $"{call.Address}: module source {source} {problem}",
                    "An unpinned module can change between two runs of the same configuration: a new release, a moved "
                        + "branch or a replaced archive changes the infrastructure without a reviewed change.",
                    "Pin the module: a `version` constraint with an upper bound for registry modules (`~> 5.1`, or an "
                        + "exact version), `?ref=` a tag or commit for git and mercurial sources, `?checksum=` for "
                        + "archives; or list the source under `trusted_sources`.",
                    call.Location is null ? null : "Module call: " + MarkdownText.Code(call.Address));
            }
        }
    }

    private string? Problem(string source, string? constraint)
    {
        if (ModuleSource.IsRegistry(source))
        {
            if (constraint is not { Length: > 0 } version)
            {
                return "has no version constraint";
            }

            if (VersionConstraint.AllowsAny(version))
            {
                return $"has version constraint \"{version}\", which allows any newer version";
            }

            return !_settings.AllowRanges && !VersionConstraint.IsExact(version) ? $"has version range \"{version}\", not one exact version" : null;
        }

        if (ModuleSource.IsVcs(source))
        {
            return ModuleSource.Ref(source) switch
            {
                null => "has no ?ref= to a tag or commit",
                var reference when !ModuleSource.IsPinnedRef(reference) => $"follows the branch \"{reference}\", not a tag or commit",
                _ => null,
            };
        }

        return ModuleSource.IsArchive(source) && !ModuleSource.HasChecksum(source) ? "is an archive without a ?checksum=" : null;
    }
}
