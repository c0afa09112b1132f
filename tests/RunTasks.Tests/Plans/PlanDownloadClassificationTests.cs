using System.Net;
using RunTasks.Grains.Plans;

namespace RunTasks.Tests.Plans;

public sealed class PlanDownloadClassificationTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData(HttpStatusCode.UnprocessableEntity, 0, "older than 0.12")]
    [InlineData(HttpStatusCode.Unauthorized, 0, "refused the access token")]
    [InlineData(HttpStatusCode.Forbidden, 1, "refused the access token")]
    [InlineData(HttpStatusCode.NotFound, 0, "not found")]
    [InlineData(HttpStatusCode.BadRequest, 0, "HTTP 400 from plan_json_api_url")]
    public void Answers_that_cannot_get_better_fail_the_run_with_the_reason(HttpStatusCode status, int hop, string reason)
    {
        var error = PlanDownloader.Classify(status, hop, Poll);
        Assert.False(error.Transient);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, 0)]
    [InlineData(HttpStatusCode.BadGateway, 1)]
    [InlineData(HttpStatusCode.TooManyRequests, 0)]
    [InlineData(HttpStatusCode.RequestTimeout, 0)]
    [InlineData(HttpStatusCode.NotFound, 1)] // an expired object-store URL: a fresh 307 fixes it
    public void Answers_that_may_get_better_are_retried(HttpStatusCode status, int hop)
    {
        var error = PlanDownloader.Classify(status, hop, Poll);
        Assert.True(error.Transient);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public void No_plan_json_yet_is_polled_without_counting_as_a_failure()
    {
        var error = PlanDownloader.Classify(HttpStatusCode.NoContent, 0, Poll);
        Assert.True(error.Transient);
        Assert.Equal(Poll, error.RetryAfter);
    }
}
