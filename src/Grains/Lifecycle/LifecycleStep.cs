using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Lifecycle;

/// <summary>What the grain must do now for its task result, as decided by <see cref="TaskResultLifecycle"/>.</summary>
public abstract record LifecycleStep
{
    private LifecycleStep() { }

    /// <summary>Start plan check number <paramref name="Attempt"/> (the lease is already taken); it reports with <paramref name="Token"/>.</summary>
    public sealed record StartCheck(int Attempt, string Token) : LifecycleStep;

    /// <summary>Hand a <c>running</c> update to the sender; its answer comes back with <paramref name="Token"/>.</summary>
    public sealed record SendProgress(string Message, DateTimeOffset GiveUpAt, string Token) : LifecycleStep;

    /// <summary>Hand the verdict to the sender; <paramref name="GiveUpAt"/> bounds any wait for the host's turn.</summary>
    public sealed record SendFinal(Verdict Verdict, DateTimeOffset GiveUpAt, string Token) : LifecycleStep;

    /// <summary>Call off the progress update on its way: the final status replaces it.</summary>
    public sealed record CancelSend : LifecycleStep;

    /// <summary>Nothing to do before <paramref name="At"/>.</summary>
    public sealed record Sleep(DateTimeOffset At) : LifecycleStep;

    /// <summary>Finished: keep the result readable until <paramref name="Until"/>.</summary>
    public sealed record Retain(DateTimeOffset Until) : LifecycleStep;

    /// <summary>Retention is over (or nothing was ever received): delete the state and the reminder.</summary>
    public sealed record Forget : LifecycleStep;
}
