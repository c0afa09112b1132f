using RunTasks.Analysis.Configuration;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.Pinning;

/// <summary>Reports required providers without a version constraint, or, per setting, without an upper bound.</summary>
internal sealed class ProviderPinningRule(Severity severity, ProviderPinningSettings settings) : IPlanRule
{
    /// <summary>The rule's identity and how a policy set's <c>rules.provider_pinning</c> turns into it.</summary>
    public static readonly BuiltInRule BuiltIn = BuiltInRule.For<ProviderPinningSettings>(
        new RuleDescriptor("provider_pinning", "Provider version not pinned", "A required provider has no version "
            + "constraint, or one without an upper bound, so the next major version is installed when it is released.",
            Severity.Warning),
        (settings, severity, rules) => rules.Plan.Add(new ProviderPinningRule(severity, settings)),
        validate: settings => settings.ValidateStages());

    private readonly Severity _severity = severity;
    private readonly ProviderPinningSettings _settings = settings;

    public string Id => BuiltIn.Id;

    public void Complete(PlanFacts facts, RuleContext context)
    {
        if (!_settings.JudgesAt(facts.Stage))
        {
            return;
        }

        foreach (var provider in facts.Configuration.Providers.OrderBy(p => p.Location?.ToString() ?? p.Key, StringComparer.Ordinal))
        {
            if (provider.ModuleAddress.Length > 0 && !_settings.IncludeModules)
            {
                continue;
            }

            var name = provider.Source ?? provider.Name ?? provider.Key;
            // The built-in terraform provider ships with Terraform itself and has no versions.
            if (name.StartsWith("terraform.io/builtin/", StringComparison.Ordinal) || name == "terraform"
                || Glob.AnyMatch(_settings.TrustedProviders, ProviderAddress.Normalize(name)) || Glob.AnyMatch(_settings.TrustedProviders, name))
            {
                continue;
            }

            var problem = provider.VersionConstraint switch
            {
                not { Length: > 0 } => "has no version constraint",
                var version when _settings.RequireUpperBound && !VersionConstraint.HasUpperBound(version) => $"has version constraint \"{version}\" with no upper bound",
                _ => null,
            };
            if (problem is null)
            {
                continue;
            }

            var address = provider.ModuleAddress.Length == 0 ? $"provider {name}" : $"{provider.ModuleAddress}: provider {name}";
            context.ReportPlan(
                Id,
                _severity,
                provider.Location?.ToString() ?? address,
                $"{address} {problem}",
                "Without a bounded constraint, a run on a machine without the dependency lock file installs the "
                    + "provider's newest release, including a new major version with breaking changes.",
                "Add a version constraint with an upper bound in `required_providers` (e.g. `version = \"~> 5.0\"`), "
                    + "and commit `.terraform.lock.hcl`.");
        }
    }
}
