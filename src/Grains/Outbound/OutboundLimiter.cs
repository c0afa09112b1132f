using System.Threading.RateLimiting;

namespace RunTasks.Outbound;

/// <summary>The one per-host limiter shared by every outbound client of a silo.</summary>
public sealed class OutboundLimiter(PartitionedRateLimiter<HttpRequestMessage> limiter) : IDisposable
{
    public PartitionedRateLimiter<HttpRequestMessage> Limiter { get; } = limiter;

    public void Dispose() => Limiter.Dispose();
}
