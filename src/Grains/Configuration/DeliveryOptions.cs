namespace RunTasks.Grains.Configuration;

/// <summary>How outbound calls to HCP Terraform are paced and retried.</summary>
public sealed class DeliveryOptions
{
    /// <summary>Time limit of one HTTP attempt (callback or plan download headers).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>First back-off step between attempts scheduled by the grain; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often to ask again while HCP Terraform answers 204 (plan not ready).</summary>
    public TimeSpan PlanPollInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Plan download attempts that fail with a transient error before the task result is failed.</summary>
    public int PlanAttempts { get; set; } = 8;

    /// <summary>
    /// A fixed cap on requests per second to one host; 0 (the default) means none: requests go as fast as the work comes
    /// and pause only when the host answers 429 or reports its rate-limit window used up.
    /// </summary>
    public int RequestsPerSecondPerHost { get; set; }

    /// <summary>Plan checks started for one task result before it fails: a check that keeps dying must not loop.</summary>
    public int MaxAnalysisAttempts { get; set; } = 3;

    /// <summary>A plan body that sends nothing for this long is abandoned and downloaded again.</summary>
    public TimeSpan PlanReadIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Slowest average plan body rate accepted once <see cref="PlanMinRateGracePeriod"/> has passed; 0 turns the check off.</summary>
    public int PlanMinBytesPerSecond { get; set; } = 1024;

    public TimeSpan PlanMinRateGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Plans read and judged at once per silo; more wait their turn, so a burst of large plans cannot exhaust memory.
    /// 0 (the default) means twice the processor count, at least 4: analysis is CPU-bound, the body arrives while it runs.
    /// </summary>
    public int MaxConcurrentAnalyses { get; set; }

    public int EffectiveMaxConcurrentAnalyses => MaxConcurrentAnalyses > 0 ? MaxConcurrentAnalyses : Math.Max(4, 2 * Environment.ProcessorCount);
}
