using Microsoft.Extensions.DependencyInjection;
using RunTasks.Grains.History;

namespace RunTasks.Testing;

/// <summary>Waits, without polling, until the silo's recorder has written a task result to the results store.</summary>
public static class HistoryWait
{
    /// <summary>The task result as recorded: at once when it already is, else when the recorder's batch with it commits.</summary>
    public static async Task<RunDetail> RecordedAsync(IServiceProvider services, string taskResultId, TimeSpan timeout)
    {
        var recorder = services.GetRequiredService<HistoryRecorder>();
        var history = services.GetRequiredService<IHistoryQueries>();
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnWritten(IReadOnlyList<HistoryEntry> entries)
        {
            if (entries.Any(e => e.Run.TaskResultId == taskResultId))
            {
                written.TrySetResult();
            }
        }

        recorder.Written += OnWritten; // before the first read, so a batch committed in between is not missed
        try
        {
            if (await history.GetRunAsync(taskResultId, CancellationToken.None) is { } already)
            {
                return already;
            }

            await written.Task.WaitAsync(timeout);
            return (await history.GetRunAsync(taskResultId, CancellationToken.None))!;
        }
        finally
        {
            recorder.Written -= OnWritten;
        }
    }
}
