using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using RunTasks.Grains.Outbound;

namespace RunTasks.Grains.Notifications;

/// <summary>
/// The one outbound client of notifications (no logging: Slack and Teams URLs are secrets; no redirects: a body goes only
/// to a configured host) and how an answer is read: 5xx, 429 and GitHub's rate-limit 403 are worth a retry.
/// </summary>
public static class NotificationHttp
{
    public const string HttpClientName = "runtasks-notifications";

    public static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <summary>Sends and fails with a <see cref="NotificationFailedException"/> unless the answer is a success.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new NotificationFailedException(Classify(response, time.GetUtcNow()));
        }
    }

    public static async Task<JsonDocument> JsonAsync(HttpClient client, HttpRequestMessage request, TimeProvider time, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(client, request, time, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
    }

    public static HttpContent JsonBody(byte[] body) => new ByteArrayContent(body) { Headers = { ContentType = Json } };

    public static NotificationResult Classify(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var code = (int)response.StatusCode;
        var detail = $"HTTP {code}";
        return code switch
        {
            429 or 408 or >= 500 => NotificationResult.Transient(detail, RateLimitHeaders.RetryAfter(response, now) ?? GitHubReset(response, now)),
            >= 300 and < 400 => NotificationResult.Rejected(detail + " (redirects are not followed)"),
            403 when response.Headers.RetryAfter is not null || GitHubReset(response, now) is not null =>
                NotificationResult.Transient(detail + " (rate limited)", RateLimitHeaders.RetryAfter(response, now) ?? GitHubReset(response, now)),
            401 => NotificationResult.Rejected(detail + " (credentials refused)"),
            404 => NotificationResult.Rejected(detail + " (not found, or no access)"),
            _ => NotificationResult.Rejected(detail),
        };
    }

    /// <summary>GitHub's primary limit: <c>X-RateLimit-Remaining: 0</c> with <c>X-RateLimit-Reset</c> in epoch seconds.</summary>
    private static TimeSpan? GitHubReset(HttpResponseMessage response, DateTimeOffset now) =>
        response.Headers.TryGetValues("X-RateLimit-Remaining", out var remaining) && remaining.FirstOrDefault() == "0"
        && response.Headers.TryGetValues("X-RateLimit-Reset", out var reset)
        && long.TryParse(reset.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            ? TimeSpan.FromSeconds(Math.Clamp(epoch - now.ToUnixTimeSeconds(), 1, 3600))
            : null;
}
