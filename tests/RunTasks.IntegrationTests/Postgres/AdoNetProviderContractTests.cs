using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Messaging;
using Orleans.Runtime;
using Orleans.Storage;

namespace RunTasks.IntegrationTests.Postgres;

[SuppressMessage("Naming", "CA1707", Justification = "Test names are sentences.")]
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
    public async Task Grain_state_round_trips_and_stale_writes_are_rejected()
    {
        var storage = fixture.Silo.Services.GetRequiredKeyedService<IGrainStorage>(AdoNetSiloFixture.StorageName);
        var grainId = GrainId.Create("contract", Guid.NewGuid().ToString("N"));

        var state = new GrainState<ContractState>(new ContractState());
        await storage.ReadStateAsync("state", grainId, state);
        Assert.False(state.RecordExists);

        state.State = new ContractState { Name = "first", Count = 1 };
        await storage.WriteStateAsync("state", grainId, state);
        var staleETag = state.ETag;
        state.State = new ContractState { Name = "second", Count = 2 };
        await storage.WriteStateAsync("state", grainId, state);

        var read = new GrainState<ContractState>(new ContractState());
        await storage.ReadStateAsync("state", grainId, read);
        Assert.True(read.RecordExists);
        Assert.Equal(("second", 2), (read.State!.Name, read.State.Count));
        Assert.Equal(state.ETag, read.ETag);

        var stale = new GrainState<ContractState>(new ContractState { Name = "stale" }) { ETag = staleETag };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("state", grainId, stale));

        await storage.ClearStateAsync("state", grainId, read);
        var cleared = new GrainState<ContractState>(new ContractState());
        await storage.ReadStateAsync("state", grainId, cleared);
        Assert.Null(cleared.State?.Name);
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

    [Fact]
    public async Task Reminder_rows_are_upserted_read_by_range_and_removed_by_etag()
    {
        var table = fixture.Silo.Services.GetRequiredService<IReminderTable>();
        var grainId = GrainId.Create("contract", Guid.NewGuid().ToString("N"));
        var start = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

        var firstETag = await table.UpsertRow(new ReminderEntry { GrainId = grainId, ReminderName = "tick", StartAt = start, Period = TimeSpan.FromMinutes(5) });
        var secondETag = await table.UpsertRow(new ReminderEntry { GrainId = grainId, ReminderName = "tick", StartAt = start, Period = TimeSpan.FromMinutes(10) });
        Assert.NotEqual(firstETag, secondETag);

        var row = await table.ReadRow(grainId, "tick");
        Assert.NotNull(row);
        Assert.Equal(TimeSpan.FromMinutes(10), row.Period);
        Assert.Equal(start, row.StartAt.ToUniversalTime());
        Assert.Single((await table.ReadRows(grainId)).Reminders);
        Assert.Contains((await table.ReadRows(0, 0)).Reminders, r => r.GrainId == grainId);

        Assert.False(await table.RemoveRow(grainId, "tick", firstETag!));
        Assert.True(await table.RemoveRow(grainId, "tick", secondETag!));
        Assert.Empty((await table.ReadRows(grainId)).Reminders);
    }
}
