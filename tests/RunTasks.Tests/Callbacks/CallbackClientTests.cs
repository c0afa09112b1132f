using System.Net;
using RunTasks.Grains.Callbacks;

namespace RunTasks.Tests.Callbacks;

public sealed class CallbackClientTests
{
    [Theory]
    [InlineData(200, CallbackResultKind.Accepted)]
    [InlineData(204, CallbackResultKind.Accepted)]
    [InlineData(409, CallbackResultKind.AlreadyFinal)]
    [InlineData(429, CallbackResultKind.Transient)]
    [InlineData(307, CallbackResultKind.Transient)]
    [InlineData(500, CallbackResultKind.Transient)]
    [InlineData(503, CallbackResultKind.Transient)]
    [InlineData(401, CallbackResultKind.Rejected)]
    [InlineData(404, CallbackResultKind.Rejected)]
    [InlineData(422, CallbackResultKind.Rejected)]
    public void Responses_are_classified(int status, CallbackResultKind kind)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        Assert.Equal(kind, CallbackClient.Classify(response, DateTimeOffset.UnixEpoch).Kind);
    }

    [Fact]
    public void Retry_after_seconds_is_read()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new(TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.FromSeconds(7), CallbackClient.Classify(response, DateTimeOffset.UnixEpoch).RetryAfter);
    }

    [Fact]
    public void Rate_limit_reset_is_read_when_there_is_no_retry_after()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.Add("X-RateLimit-Reset", "0.25");
        Assert.Equal(TimeSpan.FromMilliseconds(250), CallbackClient.Classify(response, DateTimeOffset.UnixEpoch).RetryAfter);
    }
}
