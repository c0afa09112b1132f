using static RunTasks.Analysis.Tests.Plans;

namespace RunTasks.Analysis.Tests;

public sealed class PublicStorageTests
{
    [Theory]
    [InlineData("public-read")]
    [InlineData("public-read-write")]
    public async Task Public_canned_acl_fails(string acl)
    {
        var report = await AnalyzeAsync(Plan(Change("aws_s3_bucket_acl", """["create"]""", $$"""{"acl":"{{acl}}"}""")));

        Assert.Single(report.Of("public_storage"));
        Assert.False(report.Passed);
    }

    [Fact]
    public async Task Private_acl_passes()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_s3_bucket_acl", """["create"]""", """{"acl":"private"}""")));

        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Public_access_block_turned_off_fails()
    {
        var json = Plan(Change("aws_s3_bucket_public_access_block", """["update"]""", """{"block_public_acls":true,"block_public_policy":false,"ignore_public_acls":true,"restrict_public_buckets":true}""", before: """{"block_public_acls":true,"block_public_policy":true,"ignore_public_acls":true,"restrict_public_buckets":true}"""));

        var report = await AnalyzeAsync(json);

        var finding = Assert.Single(report.Of("public_storage"));
        Assert.Contains("block_public_policy", finding.Description, StringComparison.Ordinal);
        Assert.Contains("`true` → `false`", finding.MarkdownBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bucket_iam_binding_to_all_users_fails()
    {
        var json = Plan(Change("google_storage_bucket_iam_member", """["create"]""", """{"bucket":"b","role":"roles/storage.objectViewer","member":"allUsers"}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains("allUsers", Assert.Single(report.Of("public_storage")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bucket_iam_binding_to_a_group_passes()
    {
        var json = Plan(Change("google_storage_bucket_iam_binding", """["create"]""", """{"bucket":"b","role":"roles/storage.objectViewer","members":["group:data@acme.com"]}"""));

        var report = await AnalyzeAsync(json);

        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Storage_account_with_public_blobs_fails()
    {
        var json = Plan(Change("azurerm_storage_account", """["create"]""", """{"name":"acme","allow_nested_items_to_be_public":true}"""));

        var report = await AnalyzeAsync(json);

        Assert.Single(report.Of("public_storage"));
    }

    [Fact]
    public async Task Bucket_policy_allowing_everyone_fails()
    {
        var policy = """{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}""";
        var json = Plan(Change("aws_s3_bucket_policy", """["create"]""", $$"""{"bucket":"b","policy":"{{policy}}"}"""));

        var report = await AnalyzeAsync(json);

        Assert.Single(report.Of("public_storage"));
    }
}
