using RunTasks.Analysis.Engine;

using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Rules.EncryptionAtRest;

public sealed class EncryptionAtRestTests
{
    [Fact]
    public async Task Unencrypted_database_fails()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_db_instance", """["create"]""", """{"engine":"postgres","storage_encrypted":false}""")));

        Assert.Contains("storage_encrypted = false", Assert.Single(report.Of("encryption_at_rest")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encrypted_database_passes()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_db_instance", """["create"]""", """{"engine":"postgres","storage_encrypted":true}""")));

        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Unencrypted_instance_root_volume_fails()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_instance", """["create"]""", """{"root_block_device":[{"encrypted":false}],"ebs_block_device":[]}""")));

        Assert.Contains("root_block_device[0].encrypted", Assert.Single(report.Of("encryption_at_rest")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launch_template_string_false_fails()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_launch_template", """["create"]""", """{"block_device_mappings":[{"ebs":[{"encrypted":"false"}]}]}""")));

        Assert.Single(report.Of("encryption_at_rest"));
    }

    [Fact]
    public async Task Unencrypted_volume_being_deleted_is_not_reported()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_efs_file_system", """["delete"]""", null, before: """{"encrypted":false}""")));

        Assert.Empty(report.Of("encryption_at_rest"));
    }

    [Fact]
    public async Task Encryption_known_only_after_apply_warns()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_ebs_volume", """["create"]""", """{"size":10}""", afterUnknown: """{"encrypted":true}""")));

        Assert.True(report.Passed);
        var finding = Assert.Single(report.Of("known_after_apply"));
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("encrypted is known only after apply", finding.Description, StringComparison.Ordinal);
    }
}
