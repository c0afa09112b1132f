using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RunTasks.Grains.Hosting;

/// <summary>
/// Says once why the silo's reminder period is below Orleans' one-minute minimum, in place of Orleans' own warning that
/// "high-frequency reminders are unsuitable for production use", which is about many reminders, not this one per result.
/// </summary>
public sealed partial class ReminderPeriodNotice(TimeSpan period, ILogger<ReminderPeriodNotice> logger) : IHostedService
{
    /// <summary>The Orleans category whose only message is that warning.</summary>
    public const string OrleansCategory = "Orleans.Hosting.ReminderOptionsValidator";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogShortPeriod(logger, period);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Crash-recovery reminder every {Period} (RunTasks:Deadlines:Reminder), below Orleans' one-minute minimum on purpose: it bounds how soon a task result whose silo died resumes elsewhere, and each tick is one grain call for a result in flight, not a database write.")]
    private static partial void LogShortPeriod(ILogger logger, TimeSpan period);
}
