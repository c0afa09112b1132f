using RunTasks.Analysis.Policies;

using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Conditions;

/// <summary>Conditions that would overflow the evaluator's stack are refused when the policy loads, not on the first plan.</summary>
public sealed class ConditionLimitTests
{
    [Fact]
    public void Condition_of_100000_nots_is_refused_at_load_naming_the_rule()
    {
        var exception = Assert.Throws<PolicyLoadException>(() => Load("deep", new string('!', 100_000) + "change.after.name"));

        Assert.Contains("custom_rules[deep].condition", exception.Message, StringComparison.Ordinal);
        Assert.Contains("at most 4,096", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Condition_nested_deeper_than_100_levels_is_refused_at_load()
    {
        var exception = Assert.Throws<PolicyLoadException>(() => Load("nested", new string('!', 1000) + "change.after.name"));

        Assert.Contains("custom_rules[nested].condition", exception.Message, StringComparison.Ordinal);
        Assert.Contains("nests more than 100 levels", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deepest_condition_within_the_length_limit_is_refused_on_a_thread_with_a_small_stack()
    {
        // The parser itself walks the tree recursively: loading must survive the deepest 4 KiB condition on a 256 KiB stack.
        Exception? refusal = null;
        var thread = new Thread(() => refusal = Record.Exception(() => Load("deepest", new string('!', 4000) + "change.after.name")), 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.IsType<PolicyLoadException>(refusal);
    }

    [Fact]
    public void Long_chain_of_alternatives_is_refused_at_load()
    {
        var chain = string.Join(" || ", Enumerable.Repeat("a", 600));

        var exception = Assert.Throws<PolicyLoadException>(() => Load("chain", chain));

        Assert.Contains("nests more than 100 levels", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Condition_within_the_limits_loads_and_evaluates()
    {
        var alternatives = string.Join(" || ", Enumerable.Range(0, 40).Select(i => $"change.after.instance_type == 'x{i}.large'"));
        var policy = new StaticPolicyProvider(Load("wide", $"!!({alternatives})"));

        var report = await AnalyzeAsync(Plan(Change("aws_instance", """["create"]""", """{"instance_type":"x7.large"}""")), policy);

        Assert.Equal("wide", Assert.Single(report.Findings).RuleId);
    }

    private static IReadOnlyList<PolicySet> Load(string id, string condition) => PolicySet.Parse($$"""
        builtin_rules: false
        custom_rules:
          - id: {{id}}
            resource_types: [aws_instance]
            condition: '{{condition.Replace("'", "''", StringComparison.Ordinal)}}'
        """, "limits.yaml");
}
