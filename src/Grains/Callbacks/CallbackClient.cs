using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using RunTasks.TaskResults;

namespace RunTasks.Callbacks;

/// <summary>PATCHes task-result documents to HCP Terraform and says whether to retry, give up or stop.</summary>
public sealed class CallbackClient(IHttpClientFactory clients)
{
    public const string HttpClientName = "runtasks-callbacks";
    private static readonly MediaTypeHeaderValue JsonApi = new("application/vnd.api+json");

    public async Task<CallbackResult> SendAsync(RunTaskRequest request, byte[] document, CancellationToken cancellationToken)
    {
        // The callback URL is used verbatim: it may carry its own authentication in the query string.
        using var message = new HttpRequestMessage(HttpMethod.Patch, request.CallbackUrl)
        {
            Content = new ByteArrayContent(document) { Headers = { ContentType = JsonApi } },
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", request.AccessToken.Value);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonApi.MediaType!));
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(message, cancellationToken);
            return Classify(response);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CallbackResult(CallbackResultKind.Transient, null, "timed out");
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or IOException)
        {
            return new CallbackResult(CallbackResultKind.Transient, null, $"network error: {e.GetType().Name}");
        }
    }

    public static CallbackResult Classify(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        var detail = $"HTTP {code}";
        return response.StatusCode switch
        {
            _ when response.IsSuccessStatusCode => new(CallbackResultKind.Accepted, code, detail),
            HttpStatusCode.Conflict => new(CallbackResultKind.AlreadyFinal, code, detail + " (task result already final)"),
            HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout => new(CallbackResultKind.Transient, code, detail, RetryAfter(response)),
            _ when code >= 500 => new(CallbackResultKind.Transient, code, detail, RetryAfter(response)),
            HttpStatusCode.Unauthorized => new(CallbackResultKind.Rejected, code, detail + " (access token refused)"),
            HttpStatusCode.NotFound => new(CallbackResultKind.Rejected, code, detail + " (task result not found)"),
            HttpStatusCode.UnprocessableEntity => new(CallbackResultKind.Rejected, code, detail + " (document refused)"),
            _ => new(CallbackResultKind.Rejected, code, detail),
        };
    }

    /// <summary>Reads <c>Retry-After</c> (seconds or a date) or HCP Terraform's <c>X-RateLimit-Reset</c> (seconds, fractional).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
                return delta;
            if (retryAfter.Date is { } date)
                return date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= 0 and < 3600)
            return TimeSpan.FromSeconds(seconds);
        return null;
    }
}
