using Microsoft.Extensions.Logging.Abstractions;
using RunTasks.IntegrationTests.Postgres;
using RunTasks.Silo.Schema;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Cluster;

/// <summary>One silo process with the production defaults (mutual TLS, encrypted key ring), for tests that attack its ports.</summary>
public sealed class SecuredSiloFixture : IAsyncLifetime
{
    private readonly PostgresFixture _pg = new();
    private FakeHcp _hcp = null!;

    public string ConnectionString { get; private set; } = "";
    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _pg.InitializeAsync();
        ConnectionString = _pg.ConnectionString;
        await new SchemaMigrator(ConnectionString, NullLogger<SchemaMigrator>.Instance).ApplyAsync(CancellationToken.None);
        _hcp = await FakeHcp.StartAsync();
        Silo = await SiloProcess.StartAsync(ConnectionString, "silo1", ClusterSettings.For(_hcp));
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await _hcp.DisposeAsync();
        await _pg.DisposeAsync();
    }
}
