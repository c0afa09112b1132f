using System.Collections.Concurrent;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Failover;

/// <summary>A hook as HCP Terraform sends it: one task result, its signed body, and every delivery attempt.</summary>
public sealed class SentHook(FakeTask task, byte[] body)
{
    public FakeTask Task { get; } = task;
    public byte[] Body { get; } = body;
    public ConcurrentQueue<HookAttempt> Attempts { get; } = new();

    /// <summary>When the service took responsibility for it (its first 200), if it ever did.</summary>
    public DateTimeOffset? AcknowledgedAt => Attempts.Where(a => a.Status == 200).Select(a => (DateTimeOffset?)(a.SentAt + a.Latency)).FirstOrDefault();
}
