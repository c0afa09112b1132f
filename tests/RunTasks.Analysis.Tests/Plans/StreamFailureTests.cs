using System.Text;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Plans;

/// <summary>A failing input stream is a transport fault the caller retries, not a verdict (issue 9, item 4).</summary>
public sealed class StreamFailureTests
{
    private static readonly byte[] HalfAPlan = Encoding.UTF8.GetBytes(
        """{"format_version":"1.2","resource_changes":[""" + Change("aws_s3_bucket", """["delete"]""", null, before: """{"bucket":"logs"}""") + ",");

    private static Task<AnalysisReport> AnalyzeFailingAsync(Func<Exception> failure) =>
        new PlanAnalyzer(DefaultPolicies.Provider).AnalyzeAsync(new FailingStream(HalfAPlan, failure), Scope, CancellationToken.None).AsTask();

    [Fact]
    public async Task IOException_from_a_truncated_body_propagates()
    {
        var thrown = await Assert.ThrowsAsync<IOException>(() => AnalyzeFailingAsync(() => new IOException("The response ended prematurely.")));

        Assert.Equal("The response ended prematurely.", thrown.Message);
    }

    [Fact]
    public async Task HttpIOException_propagates_with_its_type()
    {
        await Assert.ThrowsAsync<HttpIOException>(() => AnalyzeFailingAsync(() => new HttpIOException(HttpRequestError.ResponseEnded)));
    }

    [Fact]
    public async Task Any_exception_thrown_by_the_stream_propagates()
    {
        // E.g. a size-limited stream refusing more bytes, or a read timeout surfacing as TimeoutException.
        await Assert.ThrowsAsync<TimeoutException>(() => AnalyzeFailingAsync(() => new TimeoutException("read timed out")));
    }

    [Fact]
    public async Task Cancellation_thrown_by_the_stream_propagates()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AnalyzeFailingAsync(() => new TaskCanceledException()));
    }

    [Fact]
    public async Task Truncated_document_that_ends_cleanly_is_a_verdict()
    {
        var report = await AnalyzeAsync(new MemoryStream(HalfAPlan));

        Assert.False(report.Passed);
        Assert.Equal("plan_unreadable", Assert.Single(report.Findings).RuleId);
    }
}
