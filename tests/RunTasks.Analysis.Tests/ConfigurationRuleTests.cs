using System.Text;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Tests;

/// <summary>module_pinning, provider_pinning and hardcoded_secrets over a plan's <c>configuration</c>.</summary>
public sealed class ConfigurationRuleTests
{
    private const string AwsKeyId = "AKIAZ5JQ7EXAMPLEKEY2";

    private static string PlanWith(string configuration) =>
        $$"""{"format_version":"1.2","terraform_version":"1.9.5","resource_changes":[],"configuration":{{configuration}}}""";

    private static string ModuleCall(string source, string? version) =>
        PlanWith("""{"root_module":{"module_calls":{"net":{"source":""" + Quoted(source) + Version(version) + ""","module":{}}}}}""");

    private static string Provider(string? version) =>
        PlanWith("{\"provider_config\":{\"aws\":{\"name\":\"aws\",\"full_name\":\"registry.terraform.io/hashicorp/aws\"" + Version(version) + """}},"root_module":{}}""");

    private static string Quoted(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static string Version(string? version) => version is null ? string.Empty : ",\"version_constraint\":" + Quoted(version);

    private static async Task<AnalysisReport> AnalyzeAsync(string json, string stage = "post_plan", IPolicyProvider? policies = null) =>
        await new PlanAnalyzer(policies ?? DefaultPolicies.Provider).AnalyzeAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), Plans.Scope with { Stage = stage }, CancellationToken.None);

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
        var policies = Plans.Policy("rules: { module_pinning: { allow_ranges: false } }");

        var report = await AnalyzeAsync(ModuleCall("terraform-aws-modules/vpc/aws", "~> 5.1"), policies: policies);

        Assert.Contains("not one exact version", Assert.Single(report.Of("module_pinning")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trusted_registry_may_float()
    {
        var policies = Plans.Policy("rules: { module_pinning: { trusted_sources: ['app.terraform.io/acme/*'] } }");

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
        var policies = Plans.Policy("rules: { provider_pinning: { require_upper_bound: false } }");

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

    [Fact]
    public async Task Literal_provider_credential_fails_with_a_masked_value()
    {
        var json = PlanWith("""{"provider_config":{"aws":{"name":"aws","version_constraint":"~> 5.0","expressions":{"region":{"constant_value":"eu-west-1"},"access_key":{"constant_value":""" + Quoted(AwsKeyId) + """},"secret_key":{"constant_value":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}}}},"root_module":{}}""");

        var report = await AnalyzeAsync(json);

        Assert.False(report.Passed);
        var findings = report.Of("hardcoded_secrets").ToList();
        Assert.Equal(["provider.aws.access_key", "provider.aws.secret_key"], findings.Select(f => f.Address).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal(Severity.Error, f.Severity));
        Assert.DoesNotContain(AwsKeyId, string.Concat(report.Message, string.Join("", findings.Select(f => f.Description + f.MarkdownBody))), StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI", string.Join("", findings.Select(f => f.Description + f.MarkdownBody)), StringComparison.Ordinal);
        Assert.Contains("AKIA…", findings[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Variable_credential_is_not_reported()
    {
        var json = PlanWith("""{"provider_config":{"aws":{"name":"aws","version_constraint":"~> 5.0","expressions":{"access_key":{"references":["var.access_key"]}}}},"root_module":{"resources":[{"address":"aws_db_instance.main","mode":"managed","type":"aws_db_instance","name":"main","expressions":{"password":{"references":["var.db_password"]}}}]}}""");

        var report = await AnalyzeAsync(json);

        Assert.Empty(report.Of("hardcoded_secrets"));
    }

    [Fact]
    public async Task Literal_resource_password_in_a_module_names_its_address()
    {
        var json = PlanWith("""{"root_module":{"module_calls":{"db":{"source":"./db","module":{"resources":[{"address":"aws_db_instance.main","mode":"managed","type":"aws_db_instance","name":"main","expressions":{"engine":{"constant_value":"postgres"},"master_password":{"constant_value":"correct-horse-battery"}}}]}}}}}""");

        var report = await AnalyzeAsync(json);

        var finding = Assert.Single(report.Of("hardcoded_secrets"));
        Assert.Equal("module.db.aws_db_instance.main.master_password", finding.Address);
        Assert.DoesNotContain("correct-horse-battery", finding.Description + finding.MarkdownBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Known_credential_format_is_found_anywhere_in_the_configuration()
    {
        var json = PlanWith("""{"root_module":{"resources":[{"address":"aws_ssm_parameter.hook","mode":"managed","type":"aws_ssm_parameter","name":"hook","expressions":{"tags":{"constant_value":{"note":"ghp_abcdefghijklmnopqrstuvwxyz0123456789"}}}}]}}""");

        var report = await AnalyzeAsync(json);

        var finding = Assert.Single(report.Of("hardcoded_secrets"));
        Assert.Contains("GitHub token", finding.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789", finding.Description + finding.MarkdownBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credential_variable_default_is_reported()
    {
        var json = PlanWith("""{"root_module":{"variables":{"db_password":{"default":"s3cr3t-Passw0rd","sensitive":true}}}}""");

        var report = await AnalyzeAsync(json);

        Assert.Equal("var.db_password (default)", Assert.Single(report.Of("hardcoded_secrets")).Address);
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
        var policies = Plans.Policy("rules: { module_pinning: { stages: [pre_apply] } }");

        var report = await AnalyzeAsync(ModuleCall("terraform-aws-modules/vpc/aws", null), "pre_apply", policies);

        Assert.Single(report.Of("module_pinning"));
    }

    [Fact]
    public void Unknown_stage_in_settings_is_a_load_error()
    {
        var exception = Assert.Throws<PolicyLoadException>(() => PolicySet.Parse("rules: { hardcoded_secrets: { stages: [post-apply, later] } }", "team.yaml"));

        Assert.Contains("rules.hardcoded_secrets.stages", exception.Message, StringComparison.Ordinal);
    }
}
