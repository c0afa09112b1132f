namespace RunTasks.Grains.Lifecycle;

/// <summary>Exponential back-off with ±20 % jitter, so many task results retrying at once do not hit HCP Terraform in step.</summary>
public static class Backoff
{
    public static TimeSpan Delay(int failures, TimeSpan initial, TimeSpan max, TimeSpan? serverHint = null, Random? random = null)
    {
        var exponent = Math.Clamp(failures - 1, 0, 20);
        var step = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        var jittered = TimeSpan.FromMilliseconds(step * (0.8 + ((random ?? Random.Shared).NextDouble() * 0.4)));
        // The server's Retry-After / X-RateLimit-Reset is a floor: retrying earlier would only be refused again.
        return serverHint is { } hint && hint > jittered ? hint : jittered;
    }
}
