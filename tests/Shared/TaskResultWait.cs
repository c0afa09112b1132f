using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Testing;

/// <summary>
/// Waits for a task result's grain to reach a state. Once done (or its notifications settled) the grain sends nothing
/// more, so counting callbacks or messages after this proves there is no duplicate without sleeping through a quiet period.
/// </summary>
public static class TaskResultWait
{
    public static Task<TaskResultSnapshot> DoneAsync(IGrainFactory grains, string taskResultId, TimeSpan timeout) =>
        UntilAsync(grains, taskResultId, s => s.Phase == TaskPhase.Done, timeout, "done");

    /// <summary>
    /// The grain's snapshot once <paramref name="reached"/> holds. The grain has no change feed for a test to follow, so
    /// its snapshot is asked for again every 50 ms; a call that meets a restarting silo is asked again too.
    /// </summary>
    public static async Task<TaskResultSnapshot> UntilAsync(
        IGrainFactory grains, string taskResultId, Func<TaskResultSnapshot, bool> reached, TimeSpan timeout, string what)
    {
        var grain = grains.GetGrain<ITaskResultGrain>(taskResultId);
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            try
            {
                if (await grain.GetSnapshot() is { } snapshot && reached(snapshot))
                {
                    return snapshot;
                }
            }
            catch (Exception) when (!deadline.IsCancellationRequested)
            {
                // A silo restarted, or the database came back moments ago: the call met a passing fault; ask again.
            }

            try
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"task result {taskResultId} was not {what} within {timeout}");
            }
        }
    }
}
