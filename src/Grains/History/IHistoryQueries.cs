namespace RunTasks.Grains.History;

/// <summary>
/// What the results store answers, the same on PostgreSQL and on the embedded data file: the pages, the machine API
/// and the CSV exports read history only through this. Times are UTC; <see cref="HistoryFilter.From"/> is inclusive,
/// <see cref="HistoryFilter.To"/> exclusive. Lists are newest first and paged with an opaque cursor; streams are
/// oldest first and unpaged. An unreadable cursor throws <see cref="FormatException"/>.
/// </summary>
public interface IHistoryQueries
{
    /// <summary>Task results matching <paramref name="filter"/>, newest first (<see cref="HistoryFilter.NewOnly"/> is ignored).</summary>
    Task<HistoryPage<RunRecord>> ListRunsAsync(HistoryFilter filter, PageRequest page, CancellationToken cancellationToken);

    /// <summary>One task result with its findings and the findings its run fixed, or null when none is recorded under that id.</summary>
    Task<RunDetail?> GetRunAsync(string taskResultId, CancellationToken cancellationToken);

    /// <summary>Findings of the task results matching <paramref name="filter"/>, newest run first, in the run's order.</summary>
    Task<HistoryPage<FindingRecord>> ListFindingsAsync(HistoryFilter filter, PageRequest page, CancellationToken cancellationToken);

    /// <summary>The summary of a period (<see cref="HistoryFilter.From"/> and <see cref="HistoryFilter.To"/> are required).</summary>
    Task<HistorySummary> GetSummaryAsync(HistoryFilter filter, int top, CancellationToken cancellationToken);

    /// <summary>One workspace (exact organisation and name) from <paramref name="since"/> (inclusive) to <paramref name="until"/> (exclusive): its runs and its open findings; null when it has no run recorded.</summary>
    Task<WorkspaceHistory?> GetWorkspaceAsync(string organization, string workspace, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Every matching task result, oldest first, read as it is sent (the CSV export).</summary>
    IAsyncEnumerable<RunRecord> StreamRunsAsync(HistoryFilter filter, CancellationToken cancellationToken);

    /// <summary>Every finding of the matching task results, oldest run first (the CSV export).</summary>
    IAsyncEnumerable<FindingRecord> StreamFindingsAsync(HistoryFilter filter, CancellationToken cancellationToken);
}
