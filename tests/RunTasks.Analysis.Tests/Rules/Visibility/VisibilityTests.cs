using RunTasks.Analysis.Engine;
using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Rules.Visibility;

/// <summary>known_after_apply and sensitive_value: a value a rule needs but cannot read is reported, never passed unseen.</summary>
public sealed class VisibilityTests
{
    [Fact]
    public async Task Sensitive_policy_document_the_plan_omits_gives_a_warning()
    {
        var json = Plan(Change("aws_iam_policy", """["create"]""", """{"name":"admin"}""", afterSensitive: """{"policy":true}"""));

        var report = await AnalyzeAsync(json);

        var finding = Assert.Single(report.Of("sensitive_value"));
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("policy is sensitive and not readable in the plan, so the policy document cannot be checked", finding.Description, StringComparison.Ordinal);
        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Sensitive_policy_document_that_is_redacted_gives_a_warning()
    {
        var json = Plan(Change("aws_iam_role_policy", """["create"]""", """{"policy":"(sensitive value)"}""", afterSensitive: """{"policy":true}"""));

        var report = await AnalyzeAsync(json);

        Assert.Single(report.Of("sensitive_value"));
    }

    [Fact]
    public async Task Sensitive_value_warning_can_be_turned_off()
    {
        var json = Plan(Change("aws_iam_policy", """["create"]""", """{"name":"admin"}""", afterSensitive: """{"policy":true}"""));

        var report = await AnalyzeAsync(json, Policy("rules: { sensitive_value: { enforcement: off } }"));

        Assert.Empty(report.Of("sensitive_value"));
    }
}
