using RunTasks.Analysis.Engine;
using static RunTasks.Analysis.Tests.ConfigurationPlans;

namespace RunTasks.Analysis.Tests.Rules.Pinning;

/// <summary>module_pinning and provider_pinning over a plan's <c>configuration</c>, and the stages they judge at.</summary>
public sealed class PinningTests
{
    [Theory]
    [InlineData("terraform-aws-modules/vpc/aws", null)]
    [InlineData("terraform-aws-modules/vpc/aws", ">= 1.0")]
    [InlineData("app.terraform.io/acme/vpc/aws", "")]
    [InlineData("git::https://example.com/vpc.git", null)]
    [InlineData("git::https://example.com/vpc.git?ref=main", null)]
    [InlineData("github.com/acme/terraform-vpc", null)]
    [InlineData("hg::https://example.com/vpc", null)]
    [InlineData("https://example.com/vpc.zip", null)]
    [InlineData("s3::https://s3.amazonaws.com/bucket/vpc.zip", null)]
    public async Task Floating_module_source_is_a_warning(string source, string? version)
    {
        var report = await AnalyzeAsync(ModuleCall(source, version));

        var finding = Assert.Single(report.Of("module_pinning"));
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("module.net", finding.Description, StringComparison.Ordinal);
        Assert.True(report.Passed);
    }

    [Theory]
    [InlineData("terraform-aws-modules/vpc/aws", "~> 5.1")]
    [InlineData("terraform-aws-modules/vpc/aws", ">= 5.0, < 6.0")]
    [InlineData("terraform-aws-modules/vpc/aws", "5.1.2")]
    [InlineData("git::https://example.com/vpc.git?ref=v1.2.0", null)]
    [InlineData("git::https://example.com/vpc.git?ref=3f2a9c1e", null)]
    [InlineData("https://example.com/vpc.zip?checksum=sha256:abcd", null)]
    [InlineData("./modules/vpc", null)]
    [InlineData("../shared", null)]
    public async Task Pinned_or_local_module_source_is_not_reported(string source, string? version)
    {
        var report = await AnalyzeAsync(ModuleCall(source, version));

        Assert.Empty(report.Of("module_pinning"));
    }

    [Fact]
    public async Task Range_is_reported_when_ranges_are_not_allowed()
    {
        var policies = TestPlans.Policy("rules: { module_pinning: { allow_ranges: false } }");

        var report = await AnalyzeAsync(ModuleCall("terraform-aws-modules/vpc/aws", "~> 5.1"), policies: policies);

        Assert.Contains("not one exact version", Assert.Single(report.Of("module_pinning")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trusted_registry_may_float()
    {
        var policies = TestPlans.Policy("rules: { module_pinning: { trusted_sources: ['app.terraform.io/acme/*'] } }");

        var report = await AnalyzeAsync(ModuleCall("app.terraform.io/acme/vpc/aws", null), policies: policies);

        Assert.Empty(report.Of("module_pinning"));
    }

    [Fact]
    public async Task Nested_module_call_is_named_by_its_module_path()
    {
        var json = PlanWith("""{"root_module":{"module_calls":{"app":{"source":"./app","module":{"module_calls":{"db":{"source":"terraform-aws-modules/rds/aws","module":{}}}}}}}}""");

        var report = await AnalyzeAsync(json);

        Assert.StartsWith("module.app.module.db:", Assert.Single(report.Of("module_pinning")).Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "has no version constraint")]
    [InlineData(">= 5.0", "no upper bound")]
    public async Task Floating_provider_is_a_warning(string? version, string expected)
    {
        var report = await AnalyzeAsync(Provider(version));

        var finding = Assert.Single(report.Of("provider_pinning"));
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains(expected, finding.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("~> 5.0")]
    [InlineData(">= 5.0, < 6.0")]
    [InlineData("= 5.31.0")]
    public async Task Bounded_provider_is_not_reported(string version)
    {
        var report = await AnalyzeAsync(Provider(version));

        Assert.Empty(report.Of("provider_pinning"));
    }

    [Fact]
    public async Task Lower_bound_alone_passes_when_no_upper_bound_is_required()
    {
        var policies = TestPlans.Policy("rules: { provider_pinning: { require_upper_bound: false } }");

        var report = await AnalyzeAsync(Provider(">= 5.0"), policies: policies);

        Assert.Empty(report.Of("provider_pinning"));
    }

    [Fact]
    public async Task Child_module_provider_minimum_is_not_reported_by_default()
    {
        var json = PlanWith("""{"provider_config":{"module.net:aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws","version_constraint":">= 4.0","module_address":"module.net"}},"root_module":{}}""");

        var report = await AnalyzeAsync(json);

        Assert.Empty(report.Of("provider_pinning"));
    }

    [Theory]
    [InlineData("pre_apply")]
    [InlineData("post_apply")]
    public async Task Configuration_rules_are_off_after_post_plan_by_default(string stage)
    {
        var report = await AnalyzeAsync(ModuleCall("terraform-aws-modules/vpc/aws", null), stage);

        Assert.Empty(report.Of("module_pinning"));
    }

    [Fact]
    public async Task Stages_setting_turns_a_rule_on_at_pre_apply()
    {
        var policies = TestPlans.Policy("rules: { module_pinning: { stages: [pre_apply] } }");

        var report = await AnalyzeAsync(ModuleCall("terraform-aws-modules/vpc/aws", null), "pre_apply", policies);

        Assert.Single(report.Of("module_pinning"));
    }
}
