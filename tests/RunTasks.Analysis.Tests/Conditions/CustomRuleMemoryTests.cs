using System.Runtime.CompilerServices;
using System.Text;
using Newtonsoft.Json.Linq;
using RunTasks.Analysis.Conditions;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Conditions;

/// <summary>What custom rules may hold: a bounded copy of the change, and nothing once the evaluation is over.</summary>
public sealed class CustomRuleMemoryTests
{
    private static readonly IPolicyProvider NoPublicObjects = Policy("""
        builtin_rules: false
        custom_rules:
          - id: acme.no-public-objects
            enforcement: error
            resource_types: [aws_s3_object]
            condition: "change.after.acl == 'public-read'"
          - id: acme.no-public-values
            enforcement: error
            resource_types: [aws_s3_object]
            condition: "contains(values(change.after), 'public-read')"
        """);

    private static async Task<AnalysisReport> AnalyzeAsync(string plan) =>
        await new PlanAnalyzer(NoPublicObjects, new AnalysisLimits { MaxCustomRuleChangeBytes = 4096 })
            .AnalyzeAsync(new MemoryStream(Encoding.UTF8.GetBytes(plan)), Scope, CancellationToken.None);

    [Fact]
    public async Task Change_over_the_custom_rule_limit_is_reported_at_the_rule_severity_naming_rule_and_address()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_s3_object", """["create"]""", $$"""{"acl":"private","content":"{{new string('x', 8000)}}"}""", address: "aws_s3_object.big")));

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("acme.no-public-values", Severity.Error, "aws_s3_object.big"), (finding.RuleId, finding.Severity, finding.Address));
        Assert.Contains("aws_s3_object.big was not checked by custom rule acme.no-public-values", finding.Description, StringComparison.Ordinal);
        Assert.False(report.Passed);
    }

    [Fact]
    public async Task Condition_reading_one_attribute_of_a_change_over_the_limit_is_evaluated_on_that_attribute()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_s3_object", """["create"]""", $$"""{"acl":"public-read","content":"{{new string('x', 8000)}}"}""", address: "aws_s3_object.big")));

        Assert.Contains(report.Findings, f => f.RuleId == "acme.no-public-objects" && !f.Description.Contains("not checked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Change_within_the_custom_rule_limit_is_evaluated()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_s3_object", """["create"]""", """{"acl":"private","content":"small"}""")));

        Assert.True(report.Passed);
        Assert.Empty(report.Findings);
    }

    [Fact]
    public void Compiled_condition_forgets_the_document_it_evaluated()
    {
        var condition = new CompiledCondition("let $t = tags in contains_any(values($.tags), ['x']) && $t.a == 'x'");

        var document = EvaluateOnce(condition);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(document.IsAlive);
        GC.KeepAlive(condition);
    }

    // Separate frame: no local of the test keeps the document alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference EvaluateOnce(CompiledCondition condition)
    {
        var document = JObject.Parse("""{"tags":{"a":"x"}}""");
        Assert.True(JmesPathIsTrue(condition, document));
        return new WeakReference(document);
    }

    private static bool JmesPathIsTrue(CompiledCondition condition, JToken document) =>
        !DevLab.JmesPath.Expressions.JmesPathArgument.IsFalse(condition.Evaluate(document));
}
