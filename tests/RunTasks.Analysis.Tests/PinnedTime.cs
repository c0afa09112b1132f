namespace RunTasks.Analysis.Tests;

/// <summary>A clock stopped at one instant, so waiver expiry is tested at exact seconds.</summary>
internal sealed class PinnedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
