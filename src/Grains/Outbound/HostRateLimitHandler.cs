using System.Net;
using System.Threading.RateLimiting;

namespace RunTasks.Outbound;

/// <summary>Paces outbound requests per host, since HCP Terraform rate-limits its API (30 requests/s by default).</summary>
public sealed class HostRateLimitHandler(PartitionedRateLimiter<HttpRequestMessage> limiter) : DelegatingHandler
{
    public static PartitionedRateLimiter<HttpRequestMessage> CreateLimiter(int requestsPerSecond) =>
        PartitionedRateLimiter.Create<HttpRequestMessage, string>(request =>
            RateLimitPartition.GetTokenBucketLimiter(
                request.RequestUri?.Host ?? "",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = requestsPerSecond,
                    TokensPerPeriod = requestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 10_000,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                }));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(request, 1, cancellationToken);
        if (!lease.IsAcquired)
            return new HttpResponseMessage(HttpStatusCode.TooManyRequests) { RequestMessage = request };
        return await base.SendAsync(request, cancellationToken);
    }
}
