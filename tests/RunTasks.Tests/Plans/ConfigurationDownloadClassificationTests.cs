using System.Net;
using RunTasks.Grains.Plans;

namespace RunTasks.Tests.Plans;

/// <summary>What each answer of the configuration download means for the pre_plan check: fail with the reason, or download again.</summary>
public sealed class ConfigurationDownloadClassificationTests
{
    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, 0, false, "refused the access token")]
    [InlineData(HttpStatusCode.NotFound, 0, false, "not found")]
    [InlineData(HttpStatusCode.InternalServerError, 0, true, "HTTP 500")]
    [InlineData(HttpStatusCode.TooManyRequests, 0, true, "HTTP 429")]
    [InlineData(HttpStatusCode.NotFound, 1, true, "redirected configuration URL")]
    [InlineData(HttpStatusCode.BadRequest, 0, false, "HTTP 400")]
    public void Answer_is_classified_with_a_reason(HttpStatusCode status, int hop, bool transient, string reason)
    {
        var exception = ConfigurationDownloader.Classify(status, hop);

        Assert.Equal(transient, exception.Transient);
        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }
}
