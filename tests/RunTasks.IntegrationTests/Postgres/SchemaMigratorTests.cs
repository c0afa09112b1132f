using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RunTasks.Silo.Schema;

namespace RunTasks.IntegrationTests.Postgres;

[SuppressMessage("Naming", "CA1707", Justification = "Test names are sentences.")]
public sealed class SchemaMigratorTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly string[] ClusteringKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
    ];

    private static readonly string[] PersistenceKeys =
        ["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey"];

    private static readonly string[] ReminderKeys =
    [
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key",
        "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public void Scripts_are_embedded_in_order()
    {
        Assert.Equal(["001-main.sql", "002-clustering.sql", "003-persistence.sql", "004-reminders.sql", "005-inbox.sql", "006-history.sql"], SchemaMigrator.ScriptNames);
    }

    [Fact]
    public async Task Applying_the_schema_twice_succeeds_and_changes_nothing()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var migrator = NewMigrator(connectionString);

        await migrator.ApplyAsync(CancellationToken.None);
        var first = await ReadQueriesAsync(connectionString);
        await migrator.ApplyAsync(CancellationToken.None);
        var second = await ReadQueriesAsync(connectionString);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Schema_creates_the_tables_the_providers_use()
    {
        await NewMigrator(postgres.ConnectionString).ApplyAsync(CancellationToken.None);

        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        foreach (var table in new[] { "orleansquery", "orleansmembershipversiontable", "orleansmembershiptable", "orleansstorage", "orleansreminderstable" })
        {
            await using var command = new NpgsqlCommand("SELECT to_regclass(@name) IS NOT NULL", connection);
            command.Parameters.AddWithValue("name", table);
            Assert.True((bool)(await command.ExecuteScalarAsync())!, $"table {table} is missing");
        }
    }

    [Fact]
    public async Task Schema_holds_every_query_key_of_each_provider()
    {
        await NewMigrator(postgres.ConnectionString).ApplyAsync(CancellationToken.None);

        var queries = await ReadQueriesAsync(postgres.ConnectionString);

        Assert.Equal(ClusteringKeys.Length, queries.Keys.Count(ClusteringKeys.Contains));
        Assert.Equal(PersistenceKeys.Length, queries.Keys.Count(PersistenceKeys.Contains));
        Assert.Equal(ReminderKeys.Length, queries.Keys.Count(ReminderKeys.Contains));
        Assert.Equal(ClusteringKeys.Length + PersistenceKeys.Length + ReminderKeys.Length, queries.Count);
    }

    [Fact]
    public async Task Two_silos_applying_the_schema_at_once_both_succeed()
    {
        var connectionString = await postgres.CreateDatabaseAsync();

        await Task.WhenAll(
            Task.Run(() => NewMigrator(connectionString).ApplyAsync(CancellationToken.None)),
            Task.Run(() => NewMigrator(connectionString).ApplyAsync(CancellationToken.None)),
            Task.Run(() => NewMigrator(connectionString).ApplyAsync(CancellationToken.None)));

        Assert.Equal(21, (await ReadQueriesAsync(connectionString)).Count);
    }

    [Fact]
    public async Task A_failing_script_leaves_no_partial_schema()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            // A conflicting object makes 004-reminders.sql fail after 001 to 003 have run.
            await using var command = new NpgsqlCommand("CREATE VIEW OrleansRemindersTable AS SELECT 1 AS x", connection);
            await command.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => NewMigrator(connectionString).ApplyAsync(CancellationToken.None));

        await using var check = new NpgsqlConnection(connectionString);
        await check.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT to_regclass('orleansquery') IS NOT NULL", check);
        Assert.False((bool)(await exists.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Migration_keeps_waiting_for_a_database_that_is_not_up_yet()
    {
        // Nothing listens on port 1: the migrator must retry rather than fail at once.
        var migrator = NewMigrator("Host=127.0.0.1;Port=1;Database=runtasks;Username=runtasks;Password=runtasks;Timeout=1");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => migrator.ApplyAsync(cts.Token));
    }

    private static SchemaMigrator NewMigrator(string connectionString) =>
        new(connectionString, NullLogger<SchemaMigrator>.Instance);

    private static async Task<Dictionary<string, string>> ReadQueriesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            queries.Add(reader.GetString(0), reader.GetString(1));
        }

        return queries;
    }
}
