using RunTasks.Testing;

namespace RunTasks.IntegrationTests.EndToEnd;

/// <summary>The real service (embedded silo) and a fake HCP Terraform, both on loopback Kestrel.</summary>
public sealed class EndToEndFixture : IAsyncLifetime
{
    public ApiHost Api { get; private set; } = null!;
    public FakeHcp Hcp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Hcp = await FakeHcp.StartAsync();
        Api = await ApiHost.StartAsync(Hcp);
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Hcp.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<EndToEndFixture>
{
    public const string Name = "end to end";
}
