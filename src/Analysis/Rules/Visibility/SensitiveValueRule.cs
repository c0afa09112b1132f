using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.Visibility;

/// <summary>
/// Values a rule needs that the plan hides as sensitive. Every rule reports them through
/// <see cref="RuleContext.ReportSensitive"/>; this rule only sets their enforcement.
/// </summary>
internal static class SensitiveValueRule
{
    public const string Why =
        "The plan hides this value (it is marked sensitive and is absent or redacted), "
        + "so a dangerous value would pass unseen.";

    public const string Fix =
        "Check the value by other means before applying, or keep values policy checks need "
        + "(policy documents, network ranges) out of sensitive variables so the plan shows them.";

    public static readonly BuiltInRule BuiltIn = BuiltInRule.For<RuleSettings>(
        new RuleDescriptor(
            "sensitive_value",
            "Security-relevant value hidden as sensitive",
            "A value a rule needs is marked sensitive and omitted or redacted in the plan, so it cannot be checked.",
            Severity.Warning),
        (_, severity, rules) => rules.Sensitive = severity);
}
