using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.HardcodedSecrets;

/// <summary>Reports credentials written into the configuration: literals of credential attributes, and values in a known credential format.</summary>
internal sealed class HardcodedSecretsRule(Severity severity, HardcodedSecretsSettings settings) : IPlanRule
{
    /// <summary>The rule's identity and how a policy set's <c>rules.hardcoded_secrets</c> turns into it.</summary>
    public static readonly BuiltInRule BuiltIn = BuiltInRule.For<HardcodedSecretsSettings>(
        new RuleDescriptor("hardcoded_secrets", "Credential written into the configuration",
            "A provider, resource, module input or variable default holds a literal credential, or a value in a known "
                + "credential format (cloud keys, tokens, private keys) stands in the configuration.",
            Severity.Error),
        (settings, severity, rules) => rules.Plan.Add(new HardcodedSecretsRule(severity, settings)),
        validate: settings => settings.ValidateStages());

    private readonly Severity _severity = severity;
    private readonly HardcodedSecretsSettings _settings = settings;

    public string Id => BuiltIn.Id;

    public void Complete(PlanFacts facts, RuleContext context)
    {
        if (!_settings.JudgesAt(facts.Stage))
        {
            return;
        }

        foreach (var secret in facts.Configuration.Secrets)
        {
            var where = secret.Location?.ToString() ?? secret.Address;
            if (Glob.AnyMatch(_settings.ExemptAddresses, secret.Address) || (secret.Location is { } location && Glob.AnyMatch(_settings.ExemptAddresses, location.File)))
            {
                continue;
            }

            context.ReportPlan(
                Id,
                _severity,
                where,
                $"{secret.Address}: {secret.Kind} written into the configuration ({secret.Masked})",
                "Everyone who can read the repository, the configuration version or the plan can read this credential, "
                    + "and it stays in the version history after it is removed.",
                "Revoke and rotate the credential now; then pass it in through a sensitive variable set in the "
                    + "workspace, a dynamic provider credential, or a secrets manager data source.",
                "Value (masked): " + MarkdownText.Code(secret.Masked));
        }
    }
}
