using System.Globalization;

namespace RunTasks.Grains.Outbound;

/// <summary>Reads how long a host wants us to wait: <c>Retry-After</c> (seconds or a date) or HCP Terraform's <c>X-RateLimit-*</c>.</summary>
public static class RateLimitHeaders
{
    /// <summary>The server's hint after a 429 or 5xx, or null when it gave none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta;
            }

            if (retryAfter.Date is { } date)
            {
                return date - now > TimeSpan.Zero ? date - now : TimeSpan.Zero;
            }
        }
        return Reset(response);
    }

    /// <summary>How long until the window resets when <c>X-RateLimit-Remaining</c> has reached 0; null otherwise.</summary>
    public static TimeSpan? ExhaustedFor(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-RateLimit-Remaining", out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var remaining)
        && remaining <= 0
            ? Reset(response) ?? TimeSpan.FromSeconds(1)
            : null;

    /// <summary><c>X-RateLimit-Reset</c>: seconds (fractional) until the window resets; values over an hour are ignored.</summary>
    private static TimeSpan? Reset(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
        && seconds is >= 0 and < 3600
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
