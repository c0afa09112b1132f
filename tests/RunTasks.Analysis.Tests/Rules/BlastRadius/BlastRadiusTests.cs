using RunTasks.Analysis.Engine;

using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Rules.BlastRadius;

public sealed class BlastRadiusTests
{
    private static string Deletions(int count) =>
        Plan(Enumerable.Range(0, count).Select(i => Change("aws_iam_role", """["delete"]""", null, before: "{}", address: $"aws_iam_role.r{i}")).ToArray());

    [Fact]
    public async Task More_deletions_than_the_limit_fail()
    {
        var report = await AnalyzeAsync(Deletions(11));

        var finding = Assert.Single(report.Of("blast_radius"));
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("11 resources would be destroyed or replaced", finding.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deletions_up_to_the_limit_pass()
    {
        var report = await AnalyzeAsync(Deletions(10));

        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Limit_is_configurable()
    {
        var report = await AnalyzeAsync(Deletions(3), Policy("rules: { blast_radius: { max_destructive_changes: 2, enforcement: warning } }"));

        Assert.True(report.Passed);
        Assert.Equal(Severity.Warning, Assert.Single(report.Of("blast_radius")).Severity);
    }
}
