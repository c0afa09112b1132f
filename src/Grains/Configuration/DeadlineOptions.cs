namespace RunTasks.Grains.Configuration;

/// <summary>HCP Terraform errors a task result with no progress for 10 minutes or running over 60 minutes in total.</summary>
public sealed class DeadlineOptions
{
    public TimeSpan Progress { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan Total { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long before HCP Terraform's deadline our own final verdict must go out.</summary>
    public TimeSpan SafetyMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>No <c>running</c> update is sent for a task result whose verdict is ready within this time.</summary>
    public TimeSpan FirstProgress { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Interval between <c>running</c> updates while work continues.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>
    /// Period of the crash-proof reminder that wakes the grain: it bounds how soon a task result whose silo died resumes
    /// elsewhere. Below Orleans' one-minute default on purpose (the silo lowers Orleans' minimum to match); a tick costs
    /// one in-memory grain call and no database write.
    /// </summary>
    public TimeSpan Reminder { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A plan check that stops renewing its lease this long is presumed lost (its silo died) and restarted.</summary>
    public TimeSpan AnalysisLease { get; set; } = TimeSpan.FromMinutes(1);
}
