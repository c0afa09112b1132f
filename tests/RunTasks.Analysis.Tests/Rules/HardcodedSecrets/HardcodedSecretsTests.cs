using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using static RunTasks.Analysis.Tests.ConfigurationPlans;

namespace RunTasks.Analysis.Tests.Rules.HardcodedSecrets;

/// <summary>hardcoded_secrets over a plan's <c>configuration</c>.</summary>
public sealed class HardcodedSecretsTests
{
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

    [Fact]
    public void Unknown_stage_in_settings_is_a_load_error()
    {
        var exception = Assert.Throws<PolicyLoadException>(() => PolicySet.Parse("rules: { hardcoded_secrets: { stages: [post-apply, later] } }", "team.yaml"));

        Assert.Contains("rules.hardcoded_secrets.stages", exception.Message, StringComparison.Ordinal);
    }
}
