using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Engine;

public sealed class SensitiveValueTests
{
    [Fact]
    public async Task Sensitive_attribute_is_masked_in_findings()
    {
        var json = Plan(Change(
            "aws_security_group",
            """["create"]""",
            """{"ingress":[{"cidr_blocks":["0.0.0.0/0"],"from_port":22,"to_port":22,"protocol":"tcp","description":"s3cr3t-ticket-4711"}]}""",
            afterSensitive: """{"ingress":[{"description":true}]}"""));

        var report = await AnalyzeAsync(json);

        var finding = Assert.Single(report.Of("network_exposure"));
        Assert.DoesNotContain("s3cr3t", finding.MarkdownBody, StringComparison.Ordinal);
        Assert.Contains("(sensitive value)", finding.MarkdownBody, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whole_object_marked_sensitive_is_masked()
    {
        var json = Plan(Change(
            "aws_db_instance",
            """["update"]""",
            """{"storage_encrypted":false,"password":"hunter2"}""",
            before: """{"storage_encrypted":false,"password":"hunter1"}""",
            afterSensitive: "true",
            beforeSensitive: "true"));

        var report = await AnalyzeAsync(json);

        var finding = Assert.Single(report.Of("encryption_at_rest"));
        Assert.DoesNotContain("hunter", finding.MarkdownBody, StringComparison.Ordinal);
        Assert.Contains("`(sensitive value)` → `(sensitive value)`", finding.MarkdownBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bare_false_sensitivity_markers_are_accepted()
    {
        var json = Plan(Change("aws_s3_bucket_acl", """["create"]""", """{"acl":"public-read"}""", afterSensitive: "false"));

        var report = await AnalyzeAsync(json);

        Assert.Contains("`null` → `\"public-read\"`", Assert.Single(report.Of("public_storage")).MarkdownBody, StringComparison.Ordinal);
    }
}
