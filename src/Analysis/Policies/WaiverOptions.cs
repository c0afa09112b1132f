namespace RunTasks.Analysis.Policies;

/// <summary>Settings under <c>RunTasks:Waivers</c>: how far ahead a waiver may expire, and how early runs warn of its expiry.</summary>
public sealed class WaiverOptions
{
    /// <summary>The defaults: at most 365 days ahead, a warning 14 days before expiry.</summary>
    public static WaiverOptions Default { get; } = new();

    /// <summary>A waiver expiring further ahead than this (from the time it is loaded) is refused.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromDays(365);

    /// <summary>A live waiver expiring within this adds a warning finding naming it to every run it covers.</summary>
    public TimeSpan WarnBefore { get; set; } = TimeSpan.FromDays(14);
}
