namespace RunTasks.Cli.Testing;

/// <summary>A clock stopped at a test case's <c>now:</c>, so waiver expiry in a case gives the same verdict on any day.</summary>
public sealed class PinnedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
