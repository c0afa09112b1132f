using System.Net;
using System.Net.Http.Headers;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Outbound;

namespace RunTasks.Grains.Callbacks;

/// <summary>PATCHes task-result documents to HCP Terraform and says whether to retry, give up or stop.</summary>
public sealed class CallbackClient(IHttpClientFactory clients, TimeProvider time)
{
    public const string HttpClientName = "runtasks-callbacks";
    private static readonly MediaTypeHeaderValue JsonApi = new("application/vnd.api+json");

    /// <param name="priority">Finals overtake progress updates when the host makes requests wait.</param>
    /// <param name="cancellationToken">Ends a wait for the host's turn (a deadline); an attempt on the wire has its own limit.</param>
    public async Task<CallbackResult> SendAsync(RunTaskRequest request, byte[] document, OutboundPriority priority, CancellationToken cancellationToken)
    {
        // The callback URL is used verbatim: it may carry its own authentication in the query string.
        using var message = new HttpRequestMessage(HttpMethod.Patch, request.CallbackUrl)
        {
            Content = new ByteArrayContent(document) { Headers = { ContentType = JsonApi } },
        }.WithPriority(priority);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", request.AccessToken.Value);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonApi.MediaType!));
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(message, cancellationToken);
            return Classify(response, time.GetUtcNow());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new CallbackResult(CallbackResultKind.Transient, null, "not sent: HCP Terraform asked us to wait past the deadline");
        }
        catch (Exception e) when (e is TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            return new CallbackResult(CallbackResultKind.Transient, null, "timed out");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new CallbackResult(CallbackResultKind.Transient, null, $"network error: {e.GetType().Name}");
        }
    }

    public static CallbackResult Classify(HttpResponseMessage response, DateTimeOffset now)
    {
        var code = (int)response.StatusCode;
        var detail = $"HTTP {code}";
        return response.StatusCode switch
        {
            _ when response.IsSuccessStatusCode => new(CallbackResultKind.Accepted, code, detail),
            // Never followed: the body would go to an address nobody allowed (RunTasks:AllowedHosts).
            _ when code is >= 300 and < 400 => new(CallbackResultKind.Transient, code, detail + " (redirects are not followed)"),
            HttpStatusCode.Conflict => new(CallbackResultKind.AlreadyFinal, code, detail + " (task result already final)"),
            HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout => new(CallbackResultKind.Transient, code, detail, RateLimitHeaders.RetryAfter(response, now)),
            _ when code >= 500 => new(CallbackResultKind.Transient, code, detail, RateLimitHeaders.RetryAfter(response, now)),
            HttpStatusCode.Unauthorized => new(CallbackResultKind.Rejected, code, detail + " (access token refused)"),
            HttpStatusCode.NotFound => new(CallbackResultKind.Rejected, code, detail + " (task result not found)"),
            HttpStatusCode.UnprocessableEntity => new(CallbackResultKind.Rejected, code, detail + " (document refused)"),
            _ => new(CallbackResultKind.Rejected, code, detail),
        };
    }
}
