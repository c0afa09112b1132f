using Npgsql;

namespace RunTasks.IntegrationTests.Postgres;

/// <summary>
/// Gives a test class its own empty PostgreSQL database, dropped again on dispose.
/// The server is the one named by RUNTASKS_TEST_POSTGRES (a connection string whose role may CREATE DATABASE),
/// or else a throwaway server that <see cref="LocalPostgresServer"/> starts with scripts/pg.sh.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string ServerVariable = "RUNTASKS_TEST_POSTGRES";

    private readonly List<string> _databases = [];
    private string? _adminConnectionString;

    /// <summary>Connection string of this fixture's database (empty until xunit has initialised the fixture).</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ServerVariable);
        _adminConnectionString = string.IsNullOrWhiteSpace(configured)
            ? await LocalPostgresServer.GetAdminConnectionStringAsync()
            : configured;
        ConnectionString = await CreateDatabaseAsync();
    }

    /// <summary>Creates one more empty database on the same server, for a test that needs a pristine one.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var admin = _adminConnectionString ?? throw new InvalidOperationException("The fixture is not initialised.");
        var name = $"runtasks_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_adminConnectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            // FORCE ends sessions that a test (or a silo it started) left open.
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
