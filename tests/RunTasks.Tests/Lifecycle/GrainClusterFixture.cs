using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using RunTasks.Api.Hosting;
using RunTasks.Grains.Hosting;
using RunTasks.Grains.Lifecycle;
using RunTasks.Testing;

namespace RunTasks.Tests.Lifecycle;

/// <summary>An Orleans TestingHost silo running the real grains, talking HTTP to a fake HCP Terraform on loopback.</summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public FakeHcp Hcp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Hcp = await FakeHcp.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(ApiHost.FastSettings(Hcp)).Build();
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.TaskResults);
            silo.UseInMemoryReminderService();
            silo.AddRunTasksGrains(configuration);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Hcp.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "grain cluster";
}
