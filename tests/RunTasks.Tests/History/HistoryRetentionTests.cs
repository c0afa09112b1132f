using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RunTasks.Grains.History;
using RunTasks.Tests.HistoryContract;

namespace RunTasks.Tests.History;

/// <summary>Retention deletes what is past <c>RunTasks:History:Retention</c>, in batches, and keeps the rest.</summary>
public sealed class HistoryRetentionTests : IAsyncDisposable
{
    private readonly HistoryScratchFile _file = new();

    [Fact]
    public async Task Expired_runs_are_deleted_batch_by_batch_and_younger_ones_kept()
    {
        var store = new CountingStore(HistoryStore.ForSqlite(_file.Connect));
        var old = Enumerable.Range(0, 25).Select(i => HistoryEntries.Run($"old{i}", "web", HistoryEntries.Start.AddMinutes(i), "r1@aws_s3_bucket.a")).ToArray();
        await store.WriteAsync([.. old, HistoryEntries.Run("young", "web", HistoryEntries.Start.AddDays(30))], CancellationToken.None);
        var time = new FakeTimeProvider(HistoryEntries.Start.AddDays(10));
        var options = Options.Create(new HistoryOptions { Retention = TimeSpan.FromDays(5), DeleteBatchSize = 10 });

        var deleted = await new HistoryRetention(store, options, time, NullLogger<HistoryRetention>.Instance).RunOnceAsync(CancellationToken.None);

        Assert.Equal((25, 3), (deleted, store.DeleteCalls)); // 10, 10, then 5: the last short batch ends the round
        Assert.NotNull(await store.GetRunAsync("young", CancellationToken.None));
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();

    private sealed class CountingStore(IHistoryStore inner) : IHistoryStore
    {
        public int DeleteCalls { get; private set; }

        public Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
        {
            DeleteCalls++;
            return inner.DeleteFinishedBeforeAsync(cutoff, limit, cancellationToken);
        }

        public Task<IReadOnlyList<HistoryEntry>> WriteAsync(IReadOnlyList<HistoryEntry> entries, CancellationToken cancellationToken) => inner.WriteAsync(entries, cancellationToken);
        public Task<HistoryPage<RunRecord>> ListRunsAsync(HistoryFilter filter, PageRequest page, CancellationToken cancellationToken) => inner.ListRunsAsync(filter, page, cancellationToken);
        public Task<RunDetail?> GetRunAsync(string taskResultId, CancellationToken cancellationToken) => inner.GetRunAsync(taskResultId, cancellationToken);
        public Task<HistoryPage<FindingRecord>> ListFindingsAsync(HistoryFilter filter, PageRequest page, CancellationToken cancellationToken) => inner.ListFindingsAsync(filter, page, cancellationToken);
        public Task<HistorySummary> GetSummaryAsync(HistoryFilter filter, int top, CancellationToken cancellationToken) => inner.GetSummaryAsync(filter, top, cancellationToken);
        public Task<WorkspaceHistory?> GetWorkspaceAsync(string organization, string workspace, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) => inner.GetWorkspaceAsync(organization, workspace, since, until, cancellationToken);
        public IAsyncEnumerable<RunRecord> StreamRunsAsync(HistoryFilter filter, CancellationToken cancellationToken) => inner.StreamRunsAsync(filter, cancellationToken);
        public IAsyncEnumerable<FindingRecord> StreamFindingsAsync(HistoryFilter filter, CancellationToken cancellationToken) => inner.StreamFindingsAsync(filter, cancellationToken);
    }
}
