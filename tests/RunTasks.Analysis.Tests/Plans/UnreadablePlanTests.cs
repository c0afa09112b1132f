using System.Text;
using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Plans;

/// <summary>Bytes that are not a readable plan give one failed verdict at once, never an exception (issue 9, item 2).</summary>
public sealed class UnreadablePlanTests
{
    private static byte[] WithInvalidUtf8(string json, string marker)
    {
        // 0xC3 0x28 is an invalid two-byte sequence; 0xFF never occurs in UTF-8.
        var bytes = Encoding.UTF8.GetBytes(json);
        var at = json.IndexOf(marker, StringComparison.Ordinal);
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        bytes[at + 2] = 0xFF;
        return bytes;
    }

    [Fact]
    public async Task Invalid_utf8_in_a_resource_address_fails_as_unreadable()
    {
        var json = Plan(Change("aws_s3_bucket", """["create"]""", """{"bucket":"logs"}""", address: "aws_s3_bucket.XYZlogs"));

        var report = await AnalyzeAsync(new MemoryStream(WithInvalidUtf8(json, "XYZ")));

        Assert.False(report.Passed);
        Assert.Equal("plan_unreadable", Assert.Single(report.Findings).RuleId);
        Assert.Contains("UTF-8", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_in_an_attribute_value_fails_as_unreadable()
    {
        var json = Plan(Change("aws_s3_bucket_acl", """["create"]""", """{"acl":"XYZpublic-read"}"""));

        var report = await AnalyzeAsync(new MemoryStream(WithInvalidUtf8(json, "XYZ")));

        Assert.False(report.Passed);
        Assert.Equal("plan_unreadable", Assert.Single(report.Findings).RuleId);
    }

    [Fact]
    public async Task Invalid_utf8_in_format_version_fails_as_unreadable()
    {
        var json = """{"format_version":"XYZ1.2","resource_changes":[]}""";

        var report = await AnalyzeAsync(new MemoryStream(WithInvalidUtf8(json, "XYZ")));

        Assert.False(report.Passed);
        Assert.Contains("UTF-8", Assert.Single(report.Findings).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_split_across_reads_is_found()
    {
        var json = Plan(Change("aws_s3_bucket", """["create"]""", """{"bucket":"XYZlogs"}"""));

        var report = await AnalyzeAsync(new OneByteStream(WithInvalidUtf8(json, "XYZ"), chunk: 3));

        Assert.Equal("plan_unreadable", Assert.Single(report.Findings).RuleId);
    }

    [Fact]
    public async Task Valid_multibyte_text_split_across_reads_is_read()
    {
        var json = Plan(Change("aws_s3_bucket", """["create"]""", """{"bucket":"logs","tags":{"owner":"Zoë Ångström 日本語 🚀"}}"""));

        var report = await AnalyzeAsync(new OneByteStream(Encoding.UTF8.GetBytes(json), chunk: 1));

        Assert.True(report.Passed);
        Assert.Equal(1, report.Summary.Create);
    }

    [Fact]
    public async Task Byte_order_mark_arriving_a_byte_at_a_time_is_skipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Plan())).ToArray();

        var report = await AnalyzeAsync(new OneByteStream(bytes, chunk: 1));

        Assert.True(report.Passed);
    }
}
