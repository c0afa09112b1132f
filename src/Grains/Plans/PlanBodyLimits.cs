using RunTasks.Grains.Configuration;

namespace RunTasks.Grains.Plans;

/// <summary>What a plan body may be: at most <paramref name="MaxBytes"/>, never silent for longer than <paramref name="IdleTimeout"/>, and after <paramref name="GracePeriod"/> at least <paramref name="MinBytesPerSecond"/> on average (0: no minimum).</summary>
public sealed record PlanBodyLimits(long MaxBytes, TimeSpan IdleTimeout, int MinBytesPerSecond, TimeSpan GracePeriod)
{
    public static PlanBodyLimits From(RunTasksOptions options) => new(
        options.MaxPlanBytes, options.Delivery.PlanReadIdleTimeout, options.Delivery.PlanMinBytesPerSecond, options.Delivery.PlanMinRateGracePeriod);
}
