using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Messaging;
using Orleans.Runtime;
using Orleans.Storage;

namespace RunTasks.IntegrationTests.Postgres;

[SuppressMessage("Naming", "CA1707", Justification = "Test names are sentences.")]
/// <summary>Membership and delete-on-clear on PostgreSQL; grain state and reminders are in <see cref="Storage.StorageProviderContract"/>.</summary>
public sealed class AdoNetProviderContractTests(AdoNetSiloFixture fixture) : IClassFixture<AdoNetSiloFixture>
{
    [Fact]
    public async Task Started_silo_is_listed_active_in_the_membership_table()
    {
        var table = fixture.Silo.Services.GetRequiredService<IMembershipTable>();

        var data = await table.ReadAllAsync();

        var (entry, _) = Assert.Single(data.Members);
        Assert.Equal(SiloStatus.Active, entry.Status);
        Assert.True(data.Version.Version > 0);
    }

    [Fact]
    public async Task Client_finds_the_silo_gateway_through_the_membership_table()
    {
        using var client = fixture.BuildClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await client.StartAsync(timeout.Token);
        var gateways = await client.Services.GetRequiredService<IGatewayListProvider>().GetGateways();
        await client.StopAsync(timeout.Token);

        var gateway = Assert.Single(gateways);
        Assert.Equal(IPAddress.Loopback.ToString(), gateway.Host);
    }

    [Fact]
    public async Task Grain_state_deleted_on_clear_can_be_written_again()
    {
        var storage = fixture.Silo.Services.GetRequiredKeyedService<IGrainStorage>(AdoNetSiloFixture.DeletingStorageName);
        var grainId = GrainId.Create("contract", Guid.NewGuid().ToString("N"));

        var state = new GrainState<ContractState>(new ContractState { Name = "before", Count = 1 });
        await storage.WriteStateAsync("state", grainId, state);
        await storage.ClearStateAsync("state", grainId, state);

        var afterClear = new GrainState<ContractState>(new ContractState());
        await storage.ReadStateAsync("state", grainId, afterClear);
        Assert.False(afterClear.RecordExists);

        state.State = new ContractState { Name = "after", Count = 2 };
        await storage.WriteStateAsync("state", grainId, state);
        var read = new GrainState<ContractState>(new ContractState());
        await storage.ReadStateAsync("state", grainId, read);
        Assert.Equal("after", read.State?.Name);
    }
}
