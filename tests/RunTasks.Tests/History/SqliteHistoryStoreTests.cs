using RunTasks.Grains.History;
using RunTasks.Tests.HistoryContract;

namespace RunTasks.Tests.History;

/// <summary>The results store's contract on SQLite (the embedded data file's engine), each test on a new file.</summary>
public sealed class SqliteHistoryStoreTests : HistoryStoreContract, IAsyncDisposable
{
    private readonly HistoryScratchFile _file = new();

    public SqliteHistoryStoreTests() => Store = HistoryStore.ForSqlite(_file.Connect);

    protected override IHistoryStore Store { get; }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
