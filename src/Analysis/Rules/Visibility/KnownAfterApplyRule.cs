using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.Visibility;

/// <summary>
/// Values a rule needs that Terraform computes during apply. Every rule reports them through
/// <see cref="RuleContext.ReportUnknown"/>; this rule only sets their enforcement.
/// </summary>
internal static class KnownAfterApplyRule
{
    public const string Why =
        "Terraform will compute this value during apply, after the run task has given its verdict, "
        + "so a dangerous value would pass unseen.";

    public const string Fix =
        "Set the attribute to a literal or a value known at plan time, "
        + "or apply in two steps so the second plan shows the value.";

    public static readonly BuiltInRule BuiltIn = BuiltInRule.For<RuleSettings>(
        new RuleDescriptor(
            "known_after_apply",
            "Security-relevant value known only after apply",
            "A value a rule needs is computed during apply, after the run task's verdict, so it cannot be checked.",
            Severity.Warning),
        (_, severity, rules) => rules.Unknown = severity);
}
