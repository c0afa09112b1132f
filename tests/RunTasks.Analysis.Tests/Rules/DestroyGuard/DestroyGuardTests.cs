using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Rules.DestroyGuard;

public sealed class DestroyGuardTests
{
    [Fact]
    public async Task Deleting_a_database_fails_the_run()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_db_instance", """["delete"]""", null, before: """{"identifier":"main"}""", address: "aws_db_instance.main")));

        Assert.False(report.Passed);
        Assert.StartsWith("1 error — aws_db_instance.main would be destroyed", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replacing_a_bucket_names_the_attribute_forcing_it()
    {
        var json = Plan("""
            {"address":"aws_s3_bucket.logs","mode":"managed","type":"aws_s3_bucket","name":"logs","action_reason":"replace_because_cannot_update",
             "change":{"actions":["delete","create"],"before":{"bucket":"a"},"after":{"bucket":"b"},"after_unknown":{},"replace_paths":[["bucket"]]}}
            """);

        var report = await AnalyzeAsync(json);

        var finding = Assert.Single(report.Of("destroy_guard"));
        Assert.Contains("would be replaced", finding.Description, StringComparison.Ordinal);
        Assert.Contains("`bucket`", finding.MarkdownBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_stateless_resource_passes()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_iam_role", """["delete"]""", null, before: "{}")));

        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Forgetting_a_database_is_not_a_deletion()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_db_instance", """["forget"]""", null, before: "{}")));

        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Configured_address_patterns_are_guarded_and_exemptions_honoured()
    {
        var policy = Policy("""
            rules:
              destroy_guard:
                protected_addresses: ["module.prod.*"]
                exempt_addresses: ["aws_s3_bucket.scratch*"]
            """);
        var json = Plan(
            Change("aws_iam_role", """["delete"]""", null, before: "{}", address: "module.prod.aws_iam_role.app"),
            Change("aws_s3_bucket", """["delete"]""", null, before: "{}", address: "aws_s3_bucket.scratch_1"));

        var report = await AnalyzeAsync(json, policy);

        Assert.Equal(["module.prod.aws_iam_role.app"], report.Of("destroy_guard").Select(f => f.Address));
    }

    [Fact]
    public async Task Disabled_rule_reports_nothing()
    {
        var policy = Policy("rules: { destroy_guard: { enforcement: off } }");

        var report = await AnalyzeAsync(Plan(Change("aws_kms_key", """["delete"]""", null, before: "{}")), policy);

        Assert.True(report.Passed);
        Assert.Empty(report.Of("destroy_guard"));
    }

    [Theory]
    [InlineData("azurerm_key_vault_secret")]
    [InlineData("aws_secretsmanager_secret_version")]
    [InlineData("google_secret_manager_secret_version")]
    public async Task Deleting_a_secret_is_refused(string type)
    {
        var report = await AnalyzeAsync(Plan(Change(type, """["delete"]""", null, before: """{"name":"db-password"}""")));

        Assert.Single(report.Of("destroy_guard"));
        Assert.False(report.Passed);
    }

    [Fact]
    public async Task Deleting_a_secure_string_parameter_is_refused()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_ssm_parameter", """["delete"]""", null, before: """{"name":"/app/db","type":"SecureString"}""")));

        Assert.Single(report.Of("destroy_guard"));
    }

    [Fact]
    public async Task Deleting_a_plain_parameter_is_allowed()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_ssm_parameter", """["delete"]""", null, before: """{"name":"/app/region","type":"String"}""")));

        Assert.Empty(report.Of("destroy_guard"));
    }
}
