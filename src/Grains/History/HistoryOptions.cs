using System.ComponentModel.DataAnnotations;

namespace RunTasks.Grains.History;

/// <summary>Settings under <c>RunTasks:History</c>: how long the results store keeps a run, and how the recorder writes.</summary>
public sealed class HistoryOptions
{
    public const string Section = "RunTasks:History";

    /// <summary>Whether finished task results are recorded at all; the queries still answer what is stored.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a recorded run (and its findings) is kept, from when it finished; separate from <c>RunTasks:Retention</c>.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>Finished task results waiting to be written, per silo; beyond it an entry is dropped (a metric and a log line).</summary>
    [Range(100, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Task results written in one transaction.</summary>
    [Range(1, 1_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Task results deleted per statement when retention expires them, so a large purge never holds a long lock.</summary>
    [Range(10, 10_000)]
    public int DeleteBatchSize { get; set; } = 1_000;

    /// <summary>How often retention looks for expired runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DeleteInterval { get; set; } = TimeSpan.FromHours(1);
}
