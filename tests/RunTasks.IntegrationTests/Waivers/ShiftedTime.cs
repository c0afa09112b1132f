namespace RunTasks.IntegrationTests.Waivers;

/// <summary>The system clock moved forward by <see cref="Offset"/>: timers and timestamps stay real, so only "now" jumps.</summary>
internal sealed class ShiftedTime : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
