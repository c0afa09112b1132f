using System.Text;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Tests.Plans;

public sealed class PlanReadingTests
{
    [Theory]
    [InlineData("this is not json", "not valid JSON")]
    [InlineData("{\"format_version\":\"1.2\",\"resource_changes\":[", "not valid JSON")]
    [InlineData("[1,2,3]", "not a Terraform plan")]
    [InlineData("\"plan\"", "not a Terraform plan")]
    [InlineData("", "empty")]
    [InlineData("{\"format_version\":\"2.0\",\"resource_changes\":[]}", "Unsupported plan format_version \"2.0\"")]
    [InlineData("{\"format_version\":\"1.0\",\"terraform_version\":\"1.5.0\",\"values\":{\"root_module\":{}}}", "not a Terraform plan")]
    public async Task Malformed_plan_fails_with_a_clear_message(string json, string expected)
    {
        var report = await TestPlans.AnalyzeAsync(json);

        Assert.False(report.Passed);
        Assert.Contains(expected, report.Message, StringComparison.Ordinal);
        Assert.Equal("plan_unreadable", Assert.Single(report.Findings).RuleId);
    }

    [Fact]
    public async Task Plan_without_format_version_is_read()
    {
        var json = """{"resource_changes":[{"address":"null_resource.a","mode":"managed","type":"null_resource","name":"a","change":{"actions":["create"],"before":null,"after":{},"after_unknown":{"id":true}}}]}""";

        var report = await TestPlans.AnalyzeAsync(json);

        Assert.True(report.Passed);
        Assert.Equal(1, report.Summary.Create);
        Assert.Null(report.Summary.FormatVersion);
    }

    [Fact]
    public async Task Cancellation_is_the_only_exception()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var analyzer = new PlanAnalyzer(DefaultPolicies.Provider);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            analyzer.AnalyzeAsync(new MemoryStream(Encoding.UTF8.GetBytes(TestPlans.Plan())), TestPlans.Scope, cancelled.Token).AsTask());
    }

    [Fact]
    public async Task Byte_by_byte_stream_gives_the_same_report_as_a_whole_file()
    {
        var bytes = await File.ReadAllBytesAsync(TestPaths.Fixture("bridgecrewio__checkov__runner-55-aws-creates.json"));

        var whole = await TestPlans.AnalyzeAsync(new MemoryStream(bytes));
        var trickled = await TestPlans.AnalyzeAsync(new OneByteStream(bytes, chunk: 7));

        Assert.Equal(whole.Message, trickled.Message);
        Assert.Equal(whole.Findings, trickled.Findings);
    }

    [Fact]
    public async Task Resource_change_larger_than_the_read_buffer_is_read()
    {
        var big = new string('x', 300_000);
        var json = TestPlans.Plan(TestPlans.Change("aws_s3_bucket", """["delete"]""", null, before: $$"""{"bucket":"logs","policy":"{{big}}"}""", address: "aws_s3_bucket.logs"));

        var report = await TestPlans.AnalyzeAsync(new OneByteStream(Encoding.UTF8.GetBytes(json), chunk: 4096));

        Assert.Equal(["aws_s3_bucket.logs"], report.Summary.Deletions);
        Assert.Contains("aws_s3_bucket.logs would be destroyed", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utf8_byte_order_mark_is_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(TestPlans.Plan())).ToArray();

        var report = await TestPlans.AnalyzeAsync(new MemoryStream(bytes));

        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Providers_and_module_sources_come_from_configuration()
    {
        var json = """
            {"format_version":"1.2","resource_changes":[],
             "configuration":{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws"},"evil":{"name":"evil","full_name":"registry.terraform.io/evilcorp/evil"}},
              "root_module":{"resources":[{"address":"aws_s3_object.o","expressions":{"source":{"constant_value":"./not-a-module"}}}],
               "module_calls":{"net":{"source":"git::https://example.com/net.git","module":{"module_calls":{"inner":{"source":"terraform-aws-modules/vpc/aws"}}}}}}}}
            """;
        var policy = TestPlans.Policy("""
            builtin_rules: false
            rules:
              provider_allow_list: { providers: ["registry.terraform.io/hashicorp/*"] }
              module_allow_list: { sources: ["terraform-aws-modules/*"] }
            """);

        var report = await TestPlans.AnalyzeAsync(json, policy);

        Assert.Equal(["registry.terraform.io/evilcorp/evil"], report.Of("provider_allow_list").Select(f => f.Address));
        Assert.Equal(["git::https://example.com/net.git"], report.Of("module_allow_list").Select(f => f.Address));
    }
}
