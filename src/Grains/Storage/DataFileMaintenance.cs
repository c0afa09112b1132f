using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunTasks.Grains.Configuration;

namespace RunTasks.Grains.Storage;

/// <summary>
/// Keeps the data file from growing without bound: each task result deletes its own state after
/// <c>RunTasks:Retention</c>; this catches any row left a day past that, returns the freed pages to the file system
/// (incremental vacuum) and truncates the WAL.
/// </summary>
public sealed partial class DataFileMaintenance(DataFile file, IOptions<RunTasksOptions> options, TimeProvider time, ILogger<DataFileMaintenance> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    /// <summary>Rows untouched this long past the retention are deleted.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                var deleted = await Task.Run(() => RunOnce(time.GetUtcNow() - options.Value.Retention - Grace), stoppingToken);
                LogMaintained(logger, deleted, file.Path);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, file.Path, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }

    /// <summary>Deletes task results last written before <paramref name="cutoff"/>; returns how many.</summary>
    public int RunOnce(DateTimeOffset cutoff)
    {
        using var connection = file.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM OrleansStorage WHERE ModifiedOn < @cutoff";
        command.Parameters.AddWithValue("@cutoff", cutoff.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        var deleted = command.ExecuteNonQuery();
        using var vacuum = connection.CreateCommand();
        vacuum.CommandText = "PRAGMA incremental_vacuum; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA optimize;";
        vacuum.ExecuteNonQuery();
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Data file {Path}: {Deleted} stored row(s) past retention deleted, free pages returned")]
    private static partial void LogMaintained(ILogger logger, int deleted, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data file {Path}: maintenance failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string path, string reason);
}
