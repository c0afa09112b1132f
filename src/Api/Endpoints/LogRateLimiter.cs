namespace RunTasks.Api.Endpoints;

/// <summary>
/// At most one log line per reason per window; the next line written for that reason counts the ones left out. Keeps a
/// flood of unauthenticated requests from filling the log while the first of each kind, and the volume, stay visible.
/// </summary>
public sealed class LogRateLimiter(TimeProvider time, TimeSpan window)
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (DateTimeOffset Next, int Suppressed)> _reasons = new(StringComparer.Ordinal);

    public TimeSpan Window => window;

    /// <param name="reason">A fixed text, never a request value: the number of reasons stays bounded.</param>
    /// <param name="suppressed">When true is returned: the lines left out for this reason since the last one written.</param>
    public bool TryAcquire(string reason, out int suppressed)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            _reasons.TryGetValue(reason, out var state);
            if (now >= state.Next)
            {
                suppressed = state.Suppressed;
                _reasons[reason] = (now + window, 0);
                return true;
            }

            _reasons[reason] = state with { Suppressed = state.Suppressed + 1 };
            suppressed = 0;
            return false;
        }
    }
}
