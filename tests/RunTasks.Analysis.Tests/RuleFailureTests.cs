using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Policies;
using RunTasks.Analysis.Rules;
using static RunTasks.Analysis.Tests.Plans;

namespace RunTasks.Analysis.Tests;

/// <summary>A rule that throws becomes a rule_failure finding; the run still gets its verdict (issue 9, item 2).</summary>
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

    private static StaticPolicyProvider With(IResourceRule[] resourceRules, IPlanRule[] planRules) =>
        new StaticPolicyProvider([DefaultPolicies.Set, new PolicySet("broken", null, new ScopeSettings(), resourceRules, planRules, Severity.Warning)]);

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
