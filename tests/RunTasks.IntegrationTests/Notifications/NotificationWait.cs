using System.Text.RegularExpressions;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Notifications;

/// <summary>
/// Waits until a task result's notifications have reached their end (sent, not sent, failed or in doubt), as its timeline
/// shows. From then on its grain sends nothing more, so counting comments and messages afterwards proves no duplicate.
/// </summary>
public static partial class NotificationWait
{
    public static async Task<IReadOnlyList<TaskEvent>> SettledAsync(IGrainFactory grains, string taskResultId, int count, TimeSpan? timeout = null)
    {
        var snapshot = await TaskResultWait.UntilAsync(
            grains, taskResultId, s => s.History.Count(e => Settled().IsMatch(e.What)) >= count,
            timeout ?? TimeSpan.FromSeconds(60), $"settled in {count} notification(s)");
        return snapshot.History;
    }

    [GeneratedRegex(@"^(?:Pull request comment|Merge request comment|(?:Slack|Teams|Webhook) route \d+)(?:: | not sent: | failed: | in doubt)")]
    private static partial Regex Settled();
}
