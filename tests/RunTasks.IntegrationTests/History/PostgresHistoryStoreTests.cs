using Microsoft.Extensions.Logging.Abstractions;
using RunTasks.Grains.History;
using RunTasks.IntegrationTests.Postgres;
using RunTasks.Silo.Schema;
using RunTasks.Tests.HistoryContract;

namespace RunTasks.IntegrationTests.History;

/// <summary>The results store's contract on PostgreSQL (cluster mode), each test on a new database migrated by the silo's scripts.</summary>
public sealed class PostgresHistoryStoreTests(PostgresFixture postgres) : HistoryStoreContract, IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private HistoryStore? _store;

    protected override IHistoryStore Store => _store ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await new SchemaMigrator(connectionString, NullLogger<SchemaMigrator>.Instance).ApplyAsync(CancellationToken.None);
        _store = HistoryStore.ForPostgres(connectionString);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}
