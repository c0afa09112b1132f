using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using RunTasks.Grains.Configuration;

namespace RunTasks.Grains.Outbound;

/// <summary>
/// Paces this silo's requests per host the way HCP Terraform asks: as fast as the work comes, until a host answers 429
/// or reports its window used up; then every request to it waits for the reset. An operator may add a fixed rate.
/// </summary>
public sealed class OutboundPacer(TimeProvider time, IOptions<RunTasksOptions> options) : IDisposable
{
    private static readonly TimeSpan DefaultPause = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, HostGate> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for this host's turn; the wait is not part of any attempt's time limit.</summary>
    public Task WaitAsync(string host, OutboundPriority priority, CancellationToken cancellationToken) =>
        priority == OutboundPriority.Unpaced ? Task.CompletedTask : Gate(host).WaitAsync(priority, cancellationToken);

    /// <summary>Learns from a response whether the host wants a pause.</summary>
    public void Observe(string host, HttpResponseMessage response)
    {
        var pause = response.StatusCode == HttpStatusCode.TooManyRequests
            ? RateLimitHeaders.RetryAfter(response, time.GetUtcNow()) ?? DefaultPause
            : RateLimitHeaders.ExhaustedFor(response);
        if (pause is { } wait && wait > TimeSpan.Zero)
        {
            Gate(host).PauseFor(wait);
        }
    }

    public DateTimeOffset PausedUntil(string host) => _hosts.TryGetValue(host, out var gate) ? gate.PausedUntil : DateTimeOffset.MinValue;


    private HostGate Gate(string host) =>
        _hosts.GetOrAdd(host, static (_, pacer) => new HostGate(pacer.time, pacer.options.Value.Delivery.RequestsPerSecondPerHost), (time, options));

    public void Dispose()
    {
        foreach (var gate in _hosts.Values)
        {
            gate.Dispose();
        }
    }
}
