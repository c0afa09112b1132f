namespace RunTasks.IntegrationTests.Failover;

/// <summary>One POST of a hook: when it left, the status that came back (0: no answer within the sender's patience), and how long it took.</summary>
public sealed record HookAttempt(DateTimeOffset SentAt, int Status, TimeSpan Latency);
