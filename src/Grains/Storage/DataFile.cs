using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RunTasks.Grains.Storage;

/// <summary>
/// Embedded mode's one SQLite file: grain state, reminders, the inbox and the key ring. Opening it takes the
/// single-writer lock, refuses a read-only or corrupted file naming it, and applies the migrations.
/// </summary>
public sealed class DataFile : IDisposable
{
    /// <summary>How long a statement waits for another connection's write (SQLite lets one writer at a time).</summary>
    public const int BusyTimeoutSeconds = 10;

    private readonly DataFileLock _lock;

    private DataFile(string path, DataFileLock fileLock)
    {
        Path = path;
        _lock = fileLock;
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>For Orleans' ADO.NET storage and our own stores; Microsoft.Data.Sqlite retries a busy file for <see cref="BusyTimeoutSeconds"/>.</summary>
    public string ConnectionString { get; }

    public int SchemaVersion { get; private set; }

    /// <exception cref="DataFileException">The file is held by another process, read-only, unreadable or corrupted.</exception>
    public static DataFile Open(string path)
    {
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException($"The directory of the data file {path} cannot be created: {e.Message} Set RunTasks:DataPath to a writable directory.", e);
        }

        var fileLock = DataFileLock.Acquire(path);
        try
        {
            RefuseReadOnly(path);
            var file = new DataFile(path, fileLock);
            file.Prepare();
            return file;
        }
        catch
        {
            fileLock.Dispose();
            throw;
        }
    }

    /// <summary>An open connection with this file's settings.</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        // NORMAL: in WAL mode every commit survives the process dying (kill -9, out of memory, a deploy); only a power
        // cut or a kernel crash may roll back the last commits. FULL adds an fsync per commit (5.8 ms on the 2-core
        // test machine, ~8 commits per task result), which capped the service near 58 task results a second.
        // Orleans' storage queries set the same level (DataFileSchema).
        pragmas.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000}; PRAGMA synchronous = NORMAL;");
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>For the readiness check: a write transaction can be taken now.</summary>
    public bool IsWritable()
    {
        try
        {
            using var connection = Connect();
            using var command = connection.CreateCommand();
            command.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
            command.ExecuteNonQuery();
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private static void RefuseReadOnly(string path)
    {
        // Root ignores permission bits, so a file its operator marked read-only is refused here rather than written.
        if (File.Exists(path) && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserWrite) == 0)
        {
            throw new DataFileException($"The data file {path} is read-only. RunTasks must write to it; make it writable or set RunTasks:DataPath.");
        }

        if (File.Exists(path) && new FileInfo(path).IsReadOnly)
        {
            throw new DataFileException($"The data file {path} is read-only. RunTasks must write to it; make it writable or set RunTasks:DataPath.");
        }
    }

    private void Prepare()
    {
        try
        {
            using (var create = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString()))
            {
                create.Open();
                Execute(create, "PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL;"); // auto_vacuum only takes on a new file
            }

            using var connection = Connect();
            var check = Scalar(connection, "PRAGMA quick_check;");
            if (!string.Equals(check, "ok", StringComparison.Ordinal))
            {
                throw new DataFileException($"The data file {Path} is corrupted ({check}). Restore it from a backup, or move it aside to start empty.");
            }

            Migrate(connection);
        }
        catch (SqliteException e)
        {
            throw new DataFileException($"The data file {Path} cannot be used: {e.Message} Restore it from a backup, or move it aside to start empty.", e);
        }
    }

    private void Migrate(SqliteConnection connection)
    {
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);");
        var current = int.Parse(Scalar(connection, "SELECT ifnull(max(version), 0) FROM schema_version;"), CultureInfo.InvariantCulture);
        var migrations = DataFileSchema.Migrations;
        if (current > migrations.Count)
        {
            throw new DataFileException(
                $"The data file {Path} has schema version {current}, newer than this RunTasks knows ({migrations.Count}). Run a newer release, or restore a backup.");
        }

        for (var version = current + 1; version <= migrations.Count; version++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = migrations[version - 1] +
                "\nINSERT INTO schema_version (version, applied_at) VALUES (@version, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));";
            command.Parameters.AddWithValue("@version", version);
            command.ExecuteNonQuery();
            transaction.Commit();
        }

        SchemaVersion = migrations.Count;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    public void Dispose()
    {
        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
        _lock.Dispose();
    }
}
