using RunTasks.Analysis.Conditions;
using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Rules.Visibility;

namespace RunTasks.Analysis.Engine;

/// <summary>What a rule reports through: findings, and warnings for security-relevant values known only after apply.</summary>
internal sealed class RuleContext(FindingCollector collector, Severity? unknownSeverity, Severity? sensitiveSeverity = null, bool judgeUnchanged = false)
{
    private readonly FindingCollector _collector = collector;
    private readonly Severity? _unknownSeverity = unknownSeverity;
    private readonly Severity? _sensitiveSeverity = sensitiveSeverity;
    private readonly bool _judgeUnchanged = judgeUnchanged;

    /// <summary>The analysis's copy of the current change for custom-rule conditions, shared by every set.</summary>
    public ConditionDocuments ConditionDocuments { get; init; } = new(AnalysisLimits.DefaultMaxCustomRuleChangeBytes);

    /// <summary>
    /// True when a rule judging state should look at this resource: every managed resource the run creates, updates or
    /// replaces, judged by its after-state whichever attributes change, and unchanged ones only when the set says judge_unchanged.
    /// </summary>
    public bool Judges(ResourceChange change) =>
        change.IsManaged && !change.IsDrift && (change.HasAfter || (_judgeUnchanged && change.Kind == ChangeKind.NoOp && change.After.IsSet));

    /// <summary>
    /// The enforcement of the rule now running (set by <see cref="PlanEvaluation"/>): a <c>rule_failure</c> it reports takes
    /// this severity, so an error rule that cannot judge fails the run instead of passing it with a warning.
    /// </summary>
    public Severity RunningRuleSeverity { get; set; } = Severity.Error;

    public void Report(string ruleId, Severity severity, ResourceChange change, string description, PlanValue? attribute, string why, string fix, string? extra = null) =>
        _collector.Add(FindingText.Create(
            ruleId, ruleId == EngineFindings.RuleFailure.Id ? RunningRuleSeverity : severity, change.Address, description, change, attribute, why, fix, extra));

    public void ReportPlan(string ruleId, Severity severity, string address, string description, string why, string fix, string? extra = null) =>
        _collector.Add(FindingText.Create(ruleId, severity, address, description, null, null, why, fix, extra));

    /// <summary>Reports that a check could not be made because the value is only known after apply; never a silent pass.</summary>
    public void ReportUnknown(ResourceChange change, PlanValue attribute, string check) => ReportUnseen(
        KnownAfterApplyRule.BuiltIn.Id,
        _unknownSeverity,
        change,
        attribute,
        $"{change.Address}: {Named(attribute)} is known only after apply, so {check} cannot be checked",
        KnownAfterApplyRule.Why,
        KnownAfterApplyRule.Fix);

    /// <summary>Reports that a check could not be made because the plan marks the value sensitive and does not carry it readably.</summary>
    public void ReportSensitive(ResourceChange change, PlanValue attribute, string check) => ReportUnseen(
        SensitiveValueRule.BuiltIn.Id,
        _sensitiveSeverity,
        change,
        attribute,
        $"{change.Address}: {Named(attribute)} is sensitive and not readable in the plan, so {check} cannot be checked",
        SensitiveValueRule.Why,
        SensitiveValueRule.Fix);

    private void ReportUnseen(string ruleId, Severity? severity, ResourceChange change, PlanValue attribute, string description, string why, string fix)
    {
        if (severity is { } s)
        {
            Report(ruleId, s, change, description, attribute, why, fix);
        }
    }

    private static string Named(PlanValue attribute) => attribute.Path.Length == 0 ? "the resource" : attribute.Path;
}
