using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RunTasks.Grains.Storage;

/// <summary>
/// Moves the WAL into the data file in the background, often enough that the WAL never reaches SQLite's automatic
/// checkpoint size: otherwise the commit that crosses it (a grain's write, an accept) pays for copying and syncing
/// megabytes. PASSIVE: it never waits for, nor blocks, a writer.
/// </summary>
public sealed partial class DataFileCheckpointer(DataFile file, TimeProvider time, ILogger<DataFileCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var connection = file.Connect();
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default))
        {
            try
            {
                checkpoint.ExecuteNonQuery();
            }
            catch (Microsoft.Data.Sqlite.SqliteException e)
            {
                LogFailed(logger, file.Path, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Data file {Path}: background checkpoint failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string path, string reason);
}
