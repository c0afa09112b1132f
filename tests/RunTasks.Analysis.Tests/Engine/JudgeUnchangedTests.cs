using RunTasks.Analysis.Policies;

using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Engine;

/// <summary>A resource is judged by its state after the run; unchanged ones only when a set asks (issue 12 §1, consistency).</summary>
public sealed class JudgeUnchangedTests
{
    private const string Unencrypted = """{"storage_encrypted":false,"instance_class":"db.t3.micro"}""";

    [Fact]
    public async Task Update_of_an_unrelated_attribute_is_judged_by_the_whole_after_state()
    {
        var json = Plan(Change("aws_db_instance", """["update"]""", """{"storage_encrypted":false,"instance_class":"db.t3.small"}""", before: Unencrypted));

        var report = await AnalyzeAsync(json);

        Assert.Single(report.Of("encryption_at_rest"));
    }

    [Fact]
    public async Task Unchanged_resource_is_not_judged_by_default()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_db_instance", """["no-op"]""", Unencrypted, before: Unencrypted)));

        Assert.Empty(report.Of("encryption_at_rest"));
        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Unchanged_resource_is_judged_when_the_set_says_judge_unchanged()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_db_instance", """["no-op"]""", Unencrypted, before: Unencrypted)), Policy("judge_unchanged: true"));

        var finding = Assert.Single(report.Of("encryption_at_rest"));
        Assert.Contains("Planned action:** no-op", finding.MarkdownBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_unchanged_must_be_a_boolean()
    {
        Assert.Throws<PolicyLoadException>(() => PolicySet.Parse("judge_unchanged: sometimes"));
    }

    [Fact]
    public void Judge_unchanged_is_read_from_the_set()
    {
        Assert.True(PolicySet.Parse("judge_unchanged: true")[0].JudgeUnchanged);
        Assert.False(DefaultPolicies.Set.JudgeUnchanged);
    }
}
