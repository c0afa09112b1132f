using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RunTasks.Grains.History;

/// <summary>
/// Deletes recorded runs (and their findings) older than <c>RunTasks:History:Retention</c>, a batch per statement so
/// a large purge never holds the database long; every <c>RunTasks:History:DeleteInterval</c>.
/// </summary>
public sealed partial class HistoryRetention(IHistoryStore store, IOptions<HistoryOptions> options, TimeProvider time, ILogger<HistoryRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeleteInterval, time);
        do
        {
            try
            {
                var deleted = await RunOnceAsync(stoppingToken);
                if (deleted > 0)
                {
                    LogDeleted(logger, deleted, options.Value.Retention.TotalDays);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }

    /// <summary>Deletes every expired run, batch after batch; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow() - settings.Retention;
        var total = 0;
        int deleted;
        do
        {
            deleted = await store.DeleteFinishedBeforeAsync(cutoff, settings.DeleteBatchSize, cancellationToken);
            total += deleted;
        }
        while (deleted == settings.DeleteBatchSize);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Results store: {Deleted} run(s) older than {Days} days deleted")]
    private static partial void LogDeleted(ILogger logger, int deleted, double days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Results store: retention failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
