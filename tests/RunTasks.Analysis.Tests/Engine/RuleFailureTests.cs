using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Policies;
using RunTasks.Analysis.Rules;
using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Engine;

/// <summary>
/// A rule that throws becomes a rule_failure finding at the rule's own severity; the run still gets its verdict
/// (issue 9, item 2), and an error rule that cannot judge never passes it (issue 17).
/// </summary>
public sealed class RuleFailureTests
{
    private sealed class ThrowingResourceRule : IResourceRule
    {
        public string Id => "throwing";

        public void Evaluate(ResourceChange change, RuleContext context) => throw new NotSupportedException("bug");
    }

    private sealed class ThrowingPlanRule : IPlanRule
    {
        public string Id => "throwing_plan";

        public void Complete(PlanFacts facts, RuleContext context) => throw new InvalidCastException("bug");
    }

    private const string TmpNameRule = """
        builtin_rules: false
        custom_rules:
          - id: acme.no-tmp-names
            enforcement: ENFORCEMENT
            resource_types: [aws_s3_bucket]
            condition: "starts_with(change.after.name, 'tmp-')"
        """;

    private static StaticPolicyProvider With(IResourceRule[] resourceRules, IPlanRule[] planRules, Severity severity = Severity.Warning) =>
        new StaticPolicyProvider([
            DefaultPolicies.Set,
            new PolicySet("broken", null, new ScopeSettings(), resourceRules, planRules, Severity.Warning, severities: resourceRules.Select(r => r.Id).Concat(planRules.Select(r => r.Id)).ToDictionary(id => id, _ => severity)),
        ]);

    private static Task<AnalysisReport> AnalyzeNameAsync(string enforcement, string after, string afterUnknown) =>
        AnalyzeAsync(Plan(Change("aws_s3_bucket", """["create"]""", after, afterUnknown: afterUnknown)), Policy(TmpNameRule.Replace("ENFORCEMENT", enforcement, StringComparison.Ordinal)));

    [Fact]
    public async Task Error_rule_that_cannot_judge_a_name_unknown_until_apply_fails_the_run_naming_the_rule()
    {
        var report = await AnalyzeNameAsync("error", """{"bucket_prefix":"x"}""", """{"name":true}""");

        var failure = Assert.Single(report.Of("rule_failure"));
        Assert.Equal(Severity.Error, failure.Severity);
        Assert.Contains("acme.no-tmp-names", failure.Description, StringComparison.Ordinal);
        Assert.Contains("starts_with", failure.Description, StringComparison.Ordinal); // why, in the condition's terms
        Assert.False(report.Passed);
        Assert.Contains("acme.no-tmp-names", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_rule_judging_a_known_name_fails_the_run_with_its_own_finding()
    {
        var report = await AnalyzeNameAsync("error", """{"name":"tmp-scratch"}""", "{}");

        Assert.Single(report.Of("acme.no-tmp-names"));
        Assert.Empty(report.Of("rule_failure"));
        Assert.False(report.Passed);
    }

    [Fact]
    public async Task Warning_rule_that_cannot_judge_is_a_warning_and_the_run_passes()
    {
        var report = await AnalyzeNameAsync("warning", """{"bucket_prefix":"x"}""", """{"name":true}""");

        Assert.Equal(Severity.Warning, Assert.Single(report.Of("rule_failure")).Severity);
        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Built_in_error_rule_that_throws_fails_the_run()
    {
        var report = await AnalyzeAsync(Plan(), With([], [new ThrowingPlanRule()], Severity.Error));

        Assert.Equal(Severity.Error, Assert.Single(report.Of("rule_failure")).Severity);
        Assert.False(report.Passed);
    }

    [Fact]
    public async Task Rule_of_unknown_enforcement_that_throws_fails_the_run()
    {
        var set = new PolicySet("bare", null, new ScopeSettings(), [new ThrowingResourceRule()], [], null);

        var report = await AnalyzeAsync(Plan(Change("aws_s3_bucket", """["create"]""", "{}")), new StaticPolicyProvider([set]));

        Assert.Equal(Severity.Error, Assert.Single(report.Of("rule_failure")).Severity);
        Assert.False(report.Passed);
    }

    [Fact]
    public async Task Rule_that_throws_becomes_a_rule_failure_warning_and_other_rules_still_judge()
    {
        var json = Plan(Change("aws_s3_bucket", """["delete"]""", null, before: """{"bucket":"logs"}"""));

        var report = await AnalyzeAsync(json, With([new ThrowingResourceRule()], []));

        var failure = Assert.Single(report.Of("rule_failure"));
        Assert.Equal(Severity.Warning, failure.Severity);
        Assert.Contains("throwing", failure.Description, StringComparison.Ordinal);
        Assert.Single(report.Of("destroy_guard"));
        Assert.False(report.Passed);
    }

    [Fact]
    public async Task Plan_rule_that_throws_becomes_a_rule_failure_warning()
    {
        var report = await AnalyzeAsync(Plan(), With([], [new ThrowingPlanRule()]));

        Assert.Equal(Severity.Warning, Assert.Single(report.Of("rule_failure")).Severity);
        Assert.True(report.Passed);
    }
}
