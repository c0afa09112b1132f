using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Storage;

namespace RunTasks.Tests.Storage;

[SuppressMessage("Naming", "CA1707", Justification = "Test names are sentences.")]
public sealed class DataFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runtasks-datafile-").FullName;

    private string FilePath => Path.Combine(_directory, DataFileOptions.FileName);

    [Fact]
    public void A_new_data_file_runs_in_wal_mode_with_normal_sync_and_the_current_schema()
    {
        using var file = DataFile.Open(FilePath);
        using var connection = file.Connect();

        Assert.Equal(DataFileSchema.Migrations.Count, file.SchemaVersion);
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal("1", Scalar(connection, "PRAGMA synchronous")); // NORMAL
        Assert.Equal("2", Scalar(connection, "PRAGMA auto_vacuum")); // INCREMENTAL
    }

    [Fact]
    public void Orleans_storage_writes_set_the_same_sync_level_as_our_connections()
    {
        using var file = DataFile.Open(FilePath);
        using var orleans = new SqliteConnection(new SqliteConnectionStringBuilder(file.ConnectionString) { Pooling = false }.ToString());
        orleans.Open(); // a fresh connection, as Orleans may open one: no pragmas, SQLite's default FULL
        Assert.Equal("2", Scalar(orleans, "PRAGMA synchronous"));
        using var write = orleans.CreateCommand();
        write.CommandText = Scalar(orleans, "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'ClearStorageKey'");
        foreach (var (name, value) in new (string, object)[] { ("@GrainIdHash", 1), ("@GrainTypeHash", 1), ("@GrainIdN0", 0), ("@GrainIdN1", 0), ("@ServiceId", "s"), ("@GrainTypeString", "t"), ("@GrainIdExtensionString", DBNull.Value), ("@GrainStateVersion", 1) })
        {
            write.Parameters.AddWithValue(name, value);
        }

        write.ExecuteNonQuery();

        Assert.Equal("1", Scalar(orleans, "PRAGMA synchronous"));
    }

    [Fact]
    public void Reopening_a_data_file_applies_no_migration_twice()
    {
        DataFile.Open(FilePath).Dispose();

        using var file = DataFile.Open(FilePath);
        using var connection = file.Connect();

        Assert.Equal(DataFileSchema.Migrations.Count.ToString(CultureInfo.InvariantCulture), Scalar(connection, "SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public void A_second_open_of_a_held_file_is_refused_naming_the_file_and_the_holder()
    {
        using var first = DataFile.Open(FilePath);

        var refused = Assert.Throws<DataFileException>(() => DataFile.Open(FilePath));

        Assert.Contains(FilePath, refused.Message, StringComparison.Ordinal);
        Assert.Contains($"process {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_released_file_opens_again()
    {
        DataFile.Open(FilePath).Dispose();

        using var again = DataFile.Open(FilePath);

        Assert.Equal(DataFileSchema.Migrations.Count, again.SchemaVersion);
    }

    [Fact]
    public void A_corrupted_data_file_is_refused_naming_it()
    {
        File.WriteAllText(FilePath, string.Concat(Enumerable.Repeat("not a database; ", 512)));

        var refused = Assert.Throws<DataFileException>(() => DataFile.Open(FilePath));

        Assert.Contains(FilePath, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_only_data_file_is_refused_naming_it()
    {
        DataFile.Open(FilePath).Dispose();
        File.SetAttributes(FilePath, FileAttributes.ReadOnly); // on Linux: the write bits removed

        var refused = Assert.Throws<DataFileException>(() => DataFile.Open(FilePath));

        Assert.Contains(FilePath, refused.Message, StringComparison.Ordinal);
        Assert.Contains("read-only", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_file_from_a_newer_release_is_refused()
    {
        using (var file = DataFile.Open(FilePath))
        using (var connection = file.Connect())
        {
            Scalar(connection, "INSERT INTO schema_version (version, applied_at) VALUES (999, 'later')");
        }

        var refused = Assert.Throws<DataFileException>(() => DataFile.Open(FilePath));

        Assert.Contains("schema version 999", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retention_deletes_task_results_untouched_since_the_cutoff_and_keeps_the_rest()
    {
        using var file = DataFile.Open(FilePath);
        using (var connection = file.Connect())
        {
            Scalar(connection, """
                INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, ServiceId, ModifiedOn, Version)
                VALUES (1, 0, 0, 1, 'old', 's', '2026-01-01T00:00:00.000Z', 1), (2, 0, 0, 1, 'new', 's', '2026-06-01T00:00:00.000Z', 1)
                """);
        }

        var maintenance = new DataFileMaintenance(file, Options.Create(new RunTasksOptions()), TimeProvider.System, NullLogger<DataFileMaintenance>.Instance);
        var deleted = maintenance.RunOnce(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(1, deleted);
        using var check = file.Connect();
        Assert.Equal("new", Scalar(check, "SELECT group_concat(GrainTypeString) FROM OrleansStorage"));
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
