using static RunTasks.Analysis.Tests.Plans;

namespace RunTasks.Analysis.Tests;

/// <summary>The destroy guard covers secrets and parameters themselves, not only their containers (issue 12 §1).</summary>
public sealed class DestroyGuardSecretTests
{
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
