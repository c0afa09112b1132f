using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Conditions;

public sealed class CustomRuleTests
{
    private static readonly IPolicyProvider NoBigInstances = Policy("""
        builtin_rules: false
        custom_rules:
          - id: acme.no-huge-instances
            enforcement: error
            description: "{address} uses an instance type larger than 4xlarge"
            remediation: Use a smaller instance type or ask FinOps for an exception.
            resource_types: [aws_instance]
            actions: [create, update]
            condition: "contains(change.after.instance_type, '8xlarge') || contains(change.after.instance_type, '16xlarge')"
        """);

    [Fact]
    public async Task Matching_condition_reports_with_the_rule_text()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_instance", """["create"]""", """{"instance_type":"m5.16xlarge"}""", address: "aws_instance.big")), NoBigInstances);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("acme.no-huge-instances", Severity.Error), (finding.RuleId, finding.Severity));
        Assert.Equal("aws_instance.big uses an instance type larger than 4xlarge", finding.Description);
        Assert.Contains("ask FinOps", finding.MarkdownBody, StringComparison.Ordinal);
        Assert.False(report.Passed);
    }

    [Fact]
    public async Task Non_matching_condition_passes()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_instance", """["create"]""", """{"instance_type":"t3.small"}""")), NoBigInstances);

        Assert.True(report.Passed);
        Assert.Empty(report.Findings);
    }

    [Fact]
    public async Task Other_actions_and_types_are_not_evaluated()
    {
        var json = Plan(
            Change("aws_instance", """["delete"]""", null, before: """{"instance_type":"m5.16xlarge"}"""),
            Change("aws_launch_template", """["create"]""", """{"instance_type":"m5.16xlarge"}"""));

        var report = await AnalyzeAsync(json, NoBigInstances);

        Assert.Empty(report.Findings);
    }

    [Fact]
    public void Invalid_condition_is_rejected_when_loading()
    {
        var exception = Assert.Throws<PolicyLoadException>(() => PolicySet.Parse("""
            custom_rules:
              - id: broken
                condition: "change.after.[["
            """, "broken.yaml"));

        Assert.Contains("broken.yaml", exception.Message, StringComparison.Ordinal);
        Assert.Contains("custom_rules[broken].condition", exception.Message, StringComparison.Ordinal);
    }
}
