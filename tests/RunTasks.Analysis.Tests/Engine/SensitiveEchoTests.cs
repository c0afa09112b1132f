using RunTasks.Analysis.Engine;
using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Engine;

/// <summary>Findings say what was judged without the values the plan marks sensitive (issue 9, item 11).</summary>
public sealed class SensitiveEchoTests
{
    // The body's advice may name ranges in general ("instead of 0.0.0.0/0"); the plan's value itself shows as JSON.
    private static void AssertNotEchoed(AnalysisReport report, string value, string? asJson = null)
    {
        Assert.DoesNotContain(value, report.Message, StringComparison.Ordinal);
        Assert.All(report.Findings, f => Assert.DoesNotContain(value, f.Description, StringComparison.Ordinal));
        Assert.All(report.Findings, f => Assert.DoesNotContain(asJson ?? value, f.MarkdownBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sensitive_cidr_is_reported_as_the_internet_without_the_value()
    {
        var json = Plan(Change(
            "aws_security_group",
            """["create"]""",
            """{"ingress":[{"cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[],"from_port":22,"to_port":22,"protocol":"tcp"}]}""",
            afterSensitive: """{"ingress":[{"cidr_blocks":true}]}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains("allows ingress from the internet (value is sensitive) to 22 (SSH)", Assert.Single(report.Of("network_exposure")).Description, StringComparison.Ordinal);
        AssertNotEchoed(report, "0.0.0.0/0", "\"0.0.0.0/0\"");
    }

    [Fact]
    public async Task Sensitive_ports_are_not_named()
    {
        var json = Plan(Change(
            "aws_security_group_rule",
            """["create"]""",
            """{"type":"ingress","cidr_blocks":["0.0.0.0/0"],"from_port":3389,"to_port":3389,"protocol":"tcp"}""",
            afterSensitive: """{"from_port":true,"to_port":true}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains("to an administrative or database port (value is sensitive)", Assert.Single(report.Of("network_exposure")).Description, StringComparison.Ordinal);
        AssertNotEchoed(report, "3389");
    }

    [Fact]
    public async Task Sensitive_canned_acl_is_not_named()
    {
        var json = Plan(Change("aws_s3_bucket_acl", """["create"]""", """{"acl":"public-read"}""", afterSensitive: """{"acl":true}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains("uses a public canned ACL (value is sensitive)", Assert.Single(report.Of("public_storage")).Description, StringComparison.Ordinal);
        AssertNotEchoed(report, "public-read");
    }

    [Fact]
    public async Task Sensitive_encryption_flag_is_not_echoed()
    {
        var json = Plan(Change("aws_rds_cluster", """["create"]""", """{"storage_encrypted":false}""", afterSensitive: """{"storage_encrypted":true}"""));

        var report = await AnalyzeAsync(json);

        var finding = Assert.Single(report.Of("encryption_at_rest"));
        Assert.Contains("(storage_encrypted (value is sensitive))", finding.Description, StringComparison.Ordinal);
        AssertNotEchoed(report, "= false");
    }

    [Fact]
    public async Task Sensitive_policy_document_that_is_readable_is_judged_without_echoing_it()
    {
        var policy = """{\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"s3:DeleteBucket\",\"Resource\":\"*\"}]}""";
        var json = Plan(Change("aws_iam_policy", """["create"]""", $$"""{"policy":"{{policy}}"}""", afterSensitive: """{"policy":true}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains("has a policy document granting administrator-equivalent access (value is sensitive)", Assert.Single(report.Of("iam_wildcards")).Description, StringComparison.Ordinal);
        AssertNotEchoed(report, "s3:DeleteBucket");
    }

    [Fact]
    public async Task Required_tags_finding_does_not_echo_a_sensitive_tag_value()
    {
        var json = Plan(Change(
            "aws_db_instance",
            """["create"]""",
            """{"tags":{"dbpassword":"hunter2-secret"},"tags_all":{"dbpassword":"hunter2-secret"}}""",
            afterSensitive: """{"tags":{"dbpassword":true}}"""));

        var report = await AnalyzeAsync(json, Policy("rules: { required_tags: { keys: [owner] } }"));

        Assert.Single(report.Of("required_tags"));
        AssertNotEchoed(report, "hunter2-secret");
    }

    [Fact]
    public async Task Tag_values_are_not_quoted_by_the_required_tags_rule()
    {
        var json = Plan(Change("aws_instance", """["create"]""", """{"tags":{"note":"not-judged-value"},"tags_all":{"note":"not-judged-value"}}"""));

        var report = await AnalyzeAsync(json, Policy("rules: { required_tags: { keys: [owner] } }"));

        Assert.Single(report.Of("required_tags"));
        AssertNotEchoed(report, "not-judged-value");
    }

    [Fact]
    public async Task Sensitive_tag_marks_carry_over_to_tags_all_for_every_rule()
    {
        var change = TestPlans.Change(
            "aws_s3_bucket",
            """["create"]""",
            """{"tags":{"dbpassword":"hunter2-secret","team":"a"},"tags_all":{"dbpassword":"hunter2-secret","team":"a","env":"p"},"labels":{"k":"v"},"effective_labels":{"k":"label-secret"}}""",
            afterSensitive: """{"tags":{"dbpassword":true},"labels":true}""");
        using var document = System.Text.Json.JsonDocument.Parse(change);

        var after = RunTasks.Analysis.Plans.ResourceChange.From(document.RootElement, drift: false).After;

        var tagsAll = RunTasks.Analysis.Plans.ValueRenderer.Render(after["tags_all"]);
        Assert.DoesNotContain("hunter2-secret", tagsAll, StringComparison.Ordinal);
        Assert.Contains("team = \"a\"", tagsAll, StringComparison.Ordinal);
        Assert.True(after["effective_labels"].IsSensitive);
    }
}
