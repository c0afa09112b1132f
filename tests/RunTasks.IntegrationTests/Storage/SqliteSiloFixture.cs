using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization.Configuration;
using RunTasks.Grains.Security;
using RunTasks.Grains.Storage;
using RunTasks.IntegrationTests.Postgres;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Storage;

/// <summary>One real silo whose grain storage and reminders are embedded mode's, on a fresh data file in a temp directory.</summary>
public sealed class SqliteSiloFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runtasks-contract-").FullName;
    private DataFile? _file;

    public IHost Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _file = DataFile.Open(Path.Combine(_directory, DataFileOptions.FileName));
        var file = _file;
        Silo = new HostBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(ApiHost.FreePort(), ApiHost.FreePort(), serviceId: "contract", clusterId: "contract");
                silo.Services.AddSingleton(TimeProvider.System);
                silo.Services.AddDataProtection();
                silo.Services.AddSingleton<AccessTokenProtector>(); // the inbox pump's
                silo.UseRunTasksDataFile(file);
                silo.Services.AddOptions<RunTasks.Grains.Configuration.RunTasksOptions>();
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

        _file?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
