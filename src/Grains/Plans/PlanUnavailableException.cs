namespace RunTasks.Grains.Plans;

/// <summary>The plan could not be had; <see cref="Transient"/> says whether asking again may help.</summary>
public sealed class PlanUnavailableException(string message, bool transient, TimeSpan? retryAfter = null) : Exception(message)
{
    public bool Transient { get; } = transient;

    /// <summary>Set when HCP Terraform said the plan is not ready yet (204): poll, don't count it as a failure.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
