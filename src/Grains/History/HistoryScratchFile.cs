using Microsoft.Data.Sqlite;

namespace RunTasks.Grains.History;

/// <summary>
/// The results store when nothing else is durable (embedded mode with <c>RunTasks:DataPath</c> <c>:memory:</c>, tests):
/// a SQLite file of its own in the temporary directory, deleted when the process stops, so every query is the data file's.
/// </summary>
public sealed class HistoryScratchFile : IAsyncDisposable
{
    private readonly string _path;
    private readonly string _connectionString;

    public HistoryScratchFile()
    {
        _path = Path.Combine(Path.GetTempPath(), $"runtasks-history-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 10 }.ToString();
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;" + HistorySchema.Sqlite;
        command.ExecuteNonQuery();
    }

    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // A leftover in the temporary directory is harmless.
            }
        }

        return ValueTask.CompletedTask;
    }
}
