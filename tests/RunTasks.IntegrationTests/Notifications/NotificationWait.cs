using System.Text.RegularExpressions;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.IntegrationTests.Notifications;

/// <summary>
/// Waits until a task result's notifications have reached their end (sent, not sent, failed or in doubt), as its timeline
/// shows. From then on its grain sends nothing more, so counting comments and messages afterwards proves no duplicate.
/// </summary>
public static partial class NotificationWait
{
    public static async Task<IReadOnlyList<TaskEvent>> SettledAsync(IGrainFactory grains, string taskResultId, int count, TimeSpan? timeout = null)
    {
        var grain = grains.GetGrain<ITaskResultGrain>(taskResultId);
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                if (await grain.GetSnapshot() is { } snapshot && snapshot.History.Count(e => Settled().IsMatch(e.What)) >= count)
                {
                    return snapshot.History;
                }
            }
            catch (Exception) when (!deadline.IsCancellationRequested)
            {
                // A silo restarting: ask again.
            }

            try
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"task result {taskResultId}: {count} notification(s) not settled in time");
            }
        }
    }

    [GeneratedRegex(@"^(?:Pull request comment|Merge request comment|(?:Slack|Teams|Webhook) route \d+)(?:: | not sent: | failed: | in doubt)")]
    private static partial Regex Settled();
}
