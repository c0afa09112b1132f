namespace RunTasks.Grains.History;

/// <summary>The results store: the queries, plus what the recorder and retention need.</summary>
public interface IHistoryStore : IHistoryQueries
{
    /// <summary>
    /// Writes the entries in one transaction, in order; an entry whose task result is already recorded is skipped
    /// (idempotent on <c>task_result_id</c>). Returns the entries that were new.
    /// </summary>
    Task<IReadOnlyList<HistoryEntry>> WriteAsync(IReadOnlyList<HistoryEntry> entries, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="limit"/> runs (with their findings) that finished before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken);
}
