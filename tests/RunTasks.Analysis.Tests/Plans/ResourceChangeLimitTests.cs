using System.Text;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Plans;

/// <summary>One huge JSON value cannot make the engine hold it all (issue 9, item 7).</summary>
public sealed class ResourceChangeLimitTests
{
    private static readonly AnalysisLimits SmallLimit = new() { MaxResourceChangeBytes = 64 * 1024 };

    private static byte[] PlanWithValue(int size, string address = "aws_s3_object.big") =>
        Encoding.UTF8.GetBytes(Plan(Change("aws_s3_object", """["create"]""", $$"""{"key":"k","content":"{{new string('x', size)}}"}""", address: address)));

    private static async Task<AnalysisReport> AnalyzeAsync(Stream stream) =>
        await new PlanAnalyzer(DefaultPolicies.Provider, SmallLimit).AnalyzeAsync(stream, Scope, CancellationToken.None);

    [Fact]
    public async Task Resource_change_over_the_limit_fails_naming_its_address_and_the_limit()
    {
        var report = await AnalyzeAsync(new MemoryStream(PlanWithValue(200_000)));

        Assert.False(report.Passed);
        var finding = Assert.Single(report.Findings);
        Assert.Equal("plan_unreadable", finding.RuleId);
        Assert.Equal("aws_s3_object.big", finding.Address);
        Assert.Contains("aws_s3_object.big is larger than 64 KiB", finding.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_stops_at_the_value_over_the_limit()
    {
        var stream = new MemoryStream(PlanWithValue(4_000_000));

        await AnalyzeAsync(stream);

        Assert.True(stream.Position < 1_000_000, $"read {stream.Position} bytes");
    }

    [Fact]
    public async Task Resource_change_under_the_limit_is_read()
    {
        var report = await AnalyzeAsync(new OneByteStream(PlanWithValue(40_000), chunk: 5000));

        Assert.True(report.Passed);
        Assert.Equal(1, report.Summary.Create);
    }

    [Fact]
    public async Task Huge_value_outside_resource_changes_also_fails_at_the_limit()
    {
        var json = $$"""{"format_version":"1.2","planned_values":{"blob":"{{new string('y', 200_000)}}"},"resource_changes":[]}""";

        var report = await AnalyzeAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        Assert.Contains("A single value in the plan is larger than 64 KiB", Assert.Single(report.Findings).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_limit_is_64_MiB_and_nonsense_limits_are_refused()
    {
        Assert.Equal(64 * 1024 * 1024, AnalysisLimits.Default.MaxResourceChangeBytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnalysisLimits { MaxResourceChangeBytes = 0 });
    }

    [Fact]
    public async Task Resource_change_of_many_tiny_values_is_bounded_like_its_size()
    {
        // 1.5 MB under a 2 MiB limit, but 750,000 values: its parsed form would cost several times its bytes.
        var zeros = string.Join(",", Enumerable.Repeat("0", 750_000));
        var json = Plan(Change("aws_s3_object", """["create"]""", $$"""{"key":"k","metadata":[{{zeros}}]}""", address: "aws_s3_object.many"));
        var analyzer = new PlanAnalyzer(DefaultPolicies.Provider, new AnalysisLimits { MaxResourceChangeBytes = 2 * 1024 * 1024 });

        var report = await analyzer.AnalyzeAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), Scope, CancellationToken.None);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("aws_s3_object.many", finding.Address);
        Assert.Contains("holds more than", finding.Description, StringComparison.Ordinal);
    }
}
