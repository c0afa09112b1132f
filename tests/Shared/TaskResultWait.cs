using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Testing;

/// <summary>
/// Waits for a task result to be done. From then on its grain sends nothing (no callback is on its way once the
/// final answer is recorded), so counting callbacks after this proves there is no duplicate without sleeping.
/// </summary>
public static class TaskResultWait
{
    public static async Task<TaskResultSnapshot> DoneAsync(IGrainFactory grains, string taskResultId, TimeSpan timeout)
    {
        var grain = grains.GetGrain<ITaskResultGrain>(taskResultId);
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            try
            {
                if (await grain.GetSnapshot() is { Phase: TaskPhase.Done } snapshot)
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
                throw new TimeoutException($"task result {taskResultId} was not done within {timeout}");
            }
        }
    }
}
