using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Plans;

/// <summary>A single value in the plan is larger than <see cref="AnalysisLimits.MaxResourceChangeBytes"/>; the message is safe to show.</summary>
internal sealed class PlanLimitException : Exception
{
    public PlanLimitException()
    {
    }

    public PlanLimitException(string message)
        : base(message)
    {
    }

    public PlanLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The address of the resource change over the limit, when it could be read before the large value.</summary>
    public string? Address { get; init; }
}
