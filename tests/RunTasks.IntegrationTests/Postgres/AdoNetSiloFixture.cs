using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Serialization.Configuration;
using RunTasks.Silo.Schema;

namespace RunTasks.IntegrationTests.Postgres;

/// <summary>
/// One real silo whose clustering, grain storage and reminders are the Orleans ADO.NET providers on a freshly
/// migrated database: proof that the project's schema keeps the providers' contract.
/// </summary>
public sealed class AdoNetSiloFixture : IAsyncLifetime
{
    public const string Invariant = "Npgsql";
    public const string StorageName = "pg";
    public const string DeletingStorageName = "pg-delete";

    private readonly PostgresFixture _postgres = new();

    public string ClusterId { get; } = $"contract-{Guid.NewGuid():N}";

    public string ConnectionString => _postgres.ConnectionString;

    public IHost Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        await new SchemaMigrator(ConnectionString, NullLogger<SchemaMigrator>.Instance).ApplyAsync(CancellationToken.None);

        var siloPort = FreeTcpPort();
        var gatewayPort = FreeTcpPort();
        Silo = new HostBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(silo =>
            {
                silo.Configure<ClusterOptions>(o => { o.ClusterId = ClusterId; o.ServiceId = ClusterId; });
                silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
                silo.UseAdoNetClustering(o => { o.Invariant = Invariant; o.ConnectionString = ConnectionString; });
                silo.AddAdoNetGrainStorage(StorageName, o => { o.Invariant = Invariant; o.ConnectionString = ConnectionString; });
                silo.AddAdoNetGrainStorage(DeletingStorageName, o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = ConnectionString;
                    o.DeleteStateOnClear = true;
                });
                silo.UseAdoNetReminderService(o => { o.Invariant = Invariant; o.ConnectionString = ConnectionString; });
                // Stored state names its CLR type; the JSON storage serializer only accepts allow-listed types.
                silo.Services.Configure<TypeManifestOptions>(o => o.AddAllowedType(typeof(ContractState)));
            })
            .Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await Silo.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (Silo is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await Silo.StopAsync(timeout.Token);
            Silo.Dispose();
        }

        await _postgres.DisposeAsync();
    }

    public IHost BuildClient() => new HostBuilder()
        .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
        .UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => { o.ClusterId = ClusterId; o.ServiceId = ClusterId; });
            client.UseAdoNetClustering(o => { o.Invariant = Invariant; o.ConnectionString = ConnectionString; });
        })
        .Build();

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
