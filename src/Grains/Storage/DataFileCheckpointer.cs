using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RunTasks.Grains.Storage;

/// <summary>
/// Moves the WAL into the data file in the background, often enough that the WAL never reaches SQLite's automatic
/// checkpoint size: otherwise the commit that crosses it (a grain's write, an accept) pays for copying and syncing
/// megabytes. PASSIVE never waits for, nor blocks, a writer; but under constant reads and writes the WAL file is
/// never started over and grows, so once it holds more than <see cref="TruncateAbovePages"/> a TRUNCATE checkpoint,
/// allowed to wait only briefly, empties it.
/// </summary>
public sealed partial class DataFileCheckpointer(DataFile file, TimeProvider time, ILogger<DataFileCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    /// <summary>About 128 MB of 4 KB pages: rare, since a TRUNCATE holds writers up while it copies.</summary>
    public const int TruncateAbovePages = 32768;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var connection = file.Connect();
        using (var patience = connection.CreateCommand())
        {
            patience.CommandText = "PRAGMA busy_timeout = 200;"; // a TRUNCATE that would hold writers up gives way
            patience.ExecuteNonQuery();
        }

        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default))
        {
            try
            {
                if (Checkpoint(connection, "PASSIVE") > TruncateAbovePages)
                {
                    Checkpoint(connection, "TRUNCATE");
                }
            }
            catch (SqliteException e)
            {
                LogFailed(logger, file.Path, e.Message);
            }
        }
    }

    /// <summary>Returns the WAL's size in pages (SQLite answers: busy, log pages, checkpointed pages).</summary>
    private static long Checkpoint(SqliteConnection connection, string mode)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        command.CommandTimeout = 1;
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetInt64(1) : 0;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Data file {Path}: background checkpoint failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string path, string reason);
}
