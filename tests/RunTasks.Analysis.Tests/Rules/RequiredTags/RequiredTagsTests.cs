using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Rules.RequiredTags;

public sealed class RequiredTagsTests
{
    private static readonly IPolicyProvider RequireOwner = Policy("rules: { required_tags: { keys: [owner, cost-centre], enforcement: error } }");

    [Fact]
    public async Task No_tags_are_required_by_default()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_instance", """["create"]""", """{"tags":null}""")));

        Assert.Empty(report.Of("required_tags"));
    }

    [Fact]
    public async Task Missing_required_tag_is_reported_at_the_configured_level()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_instance", """["create"]""", """{"tags":{"owner":"a"},"tags_all":{"owner":"a"}}""")), RequireOwner);

        var finding = Assert.Single(report.Of("required_tags"));
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("cost-centre", finding.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provider_default_tags_count()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_instance", """["create"]""", """{"tags":null,"tags_all":{"owner":"a","cost-centre":"1"}}""")), RequireOwner);

        Assert.Empty(report.Of("required_tags"));
    }

    [Fact]
    public async Task Google_labels_are_checked()
    {
        var report = await AnalyzeAsync(Plan(Change("google_storage_bucket", """["create"]""", """{"labels":{"owner":"a"}}""")), RequireOwner);

        Assert.Contains("labels", Assert.Single(report.Of("required_tags")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resources_without_tags_attribute_are_skipped()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_iam_role_policy", """["create"]""", """{"policy":"{}"}""")), RequireOwner);

        Assert.Empty(report.Of("required_tags"));
    }
}
