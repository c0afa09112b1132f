using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Tests.Conditions;

/// <summary>A custom rule condition comparing with a bare true/false/null (a field name in JMESPath) is refused at load (issue 17).</summary>
public sealed class ConditionLintTests
{
    private static string Rule(string condition) => $"""
        custom_rules:
          - id: acme.public-ip
            resource_types: [aws_instance]
            condition: {condition}
        """;

    [Fact]
    public void Comparison_with_bare_true_is_a_load_error_saying_the_literal_to_write()
    {
        var failure = Assert.Throws<PolicyLoadException>(() => PolicySet.Parse(Rule("\"change.after.associate_public_ip_address == true\""), "team.yaml"));

        Assert.StartsWith("team.yaml: line 4 (set 'team'): custom_rules[acme.public-ip].condition:", failure.Message, StringComparison.Ordinal);
        Assert.Contains("write the literal in backticks: change.after.associate_public_ip_address == `true`", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"change.after.encrypted != false\"", "change.after.encrypted != `false`")]
    [InlineData("\"null == change.after.kms_key_id\"", "`null` == change.after.kms_key_id")]
    [InlineData("\"length(change.after.ingress[?enabled == true]) > `0`\"", "enabled == `true`")]
    [InlineData("\"change.after.a || change.after.b == true\"", "change.after.b == `true`")]
    [InlineData("'change.after.x == \"true\"'", "change.after.x == `true`")]
    public void Bare_literal_anywhere_in_a_comparison_is_refused(string condition, string instead)
    {
        var failure = Assert.Throws<PolicyLoadException>(() => PolicySet.Parse(Rule(condition), "team.yaml"));

        Assert.Contains(instead, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"change.after.associate_public_ip_address == `true`\"")]
    [InlineData("\"change.after.associate_public_ip_address == 'true'\"")]
    [InlineData("\"change.after.flag == true_value\"")]
    [InlineData("\"change.after.settings.true == `1`\"")]
    [InlineData("\"change.after.x == `null` || change.after.y != `false`\"")]
    [InlineData("\"contains(change.after.tags || `{}`, 'true')\"")]
    public void Correct_literals_strings_and_fields_load(string condition)
    {
        Assert.Single(PolicySet.Parse(Rule(condition), "team.yaml"));
    }

    [Fact]
    public async Task Literal_true_matches_the_plan_value_the_bare_word_could_not()
    {
        var policy = TestPlans.Policy("builtin_rules: false\n" + Rule("\"change.after.associate_public_ip_address == `true`\""));

        var report = await TestPlans.AnalyzeAsync(TestPlans.Plan(TestPlans.Change("aws_instance", """["create"]""", """{"associate_public_ip_address":true}""")), policy);

        Assert.Single(report.Of("acme.public-ip"));
    }
}
