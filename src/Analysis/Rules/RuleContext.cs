using RunTasks.Analysis.Plans;

namespace RunTasks.Analysis.Rules;

/// <summary>What a rule reports through: findings, and warnings for security-relevant values known only after apply.</summary>
internal sealed class RuleContext
{
    private readonly FindingCollector _collector;
    private readonly Severity? _unknownSeverity;

    public RuleContext(FindingCollector collector, Severity? unknownSeverity)
    {
        _collector = collector;
        _unknownSeverity = unknownSeverity;
    }

    public void Report(string ruleId, Severity severity, ResourceChange change, string description, PlanValue? attribute, string why, string fix, string? extra = null) =>
        _collector.Add(new Finding(ruleId, severity, change.Address, FindingText.Line(description), FindingText.Body(description, change, attribute, why, fix, extra)));

    public void ReportPlan(string ruleId, Severity severity, string address, string description, string why, string fix, string? extra = null) =>
        _collector.Add(new Finding(ruleId, severity, address, FindingText.Line(description), FindingText.Body(description, null, null, why, fix, extra)));

    /// <summary>Reports that a check could not be made because the value is only known after apply; never a silent pass.</summary>
    public void ReportUnknown(ResourceChange change, PlanValue attribute, string check)
    {
        if (_unknownSeverity is not { } severity)
        {
            return;
        }

        var description = $"{change.Address}: {attribute.Path} is known only after apply, so {check} cannot be checked";
        _collector.Add(new Finding(
            RuleIds.KnownAfterApply,
            severity,
            change.Address,
            FindingText.Line(description),
            FindingText.Body(
                description,
                change,
                attribute,
                "Terraform will compute this value during apply, after the run task has given its verdict, so a dangerous value would pass unseen.",
                "Set the attribute to a literal or a value known at plan time, or apply in two steps so the second plan shows the value.")));
    }
}
