using System.Diagnostics.CodeAnalysis;
using Orleans.Runtime;
using Orleans.Storage;
using RunTasks.IntegrationTests.Postgres;

namespace RunTasks.IntegrationTests.Storage;

/// <summary>
/// What the grain storage and the reminder table must do, whatever the database: the same tests run against
/// PostgreSQL (cluster mode) and the SQLite data file (embedded mode).
/// </summary>
[SuppressMessage("Naming", "CA1707", Justification = "Test names are sentences.")]
public abstract class StorageProviderContract
{
    protected abstract IGrainStorage Storage { get; }

    protected abstract IReminderTable Reminders { get; }

    [Fact]
    public async Task Grain_state_round_trips_and_stale_writes_are_rejected()
    {
        var grainId = GrainId.Create("contract", Guid.NewGuid().ToString("N"));

        var state = new GrainState<ContractState>(new ContractState());
        await Storage.ReadStateAsync("state", grainId, state);
        Assert.False(state.RecordExists);

        state.State = new ContractState { Name = "first", Count = 1 };
        await Storage.WriteStateAsync("state", grainId, state);
        var staleETag = state.ETag;
        state.State = new ContractState { Name = "second", Count = 2 };
        await Storage.WriteStateAsync("state", grainId, state);

        var read = new GrainState<ContractState>(new ContractState());
        await Storage.ReadStateAsync("state", grainId, read);
        Assert.True(read.RecordExists);
        Assert.Equal(("second", 2), (read.State!.Name, read.State.Count));
        Assert.Equal(state.ETag, read.ETag);

        var stale = new GrainState<ContractState>(new ContractState { Name = "stale" }) { ETag = staleETag };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", grainId, stale));

        await Storage.ClearStateAsync("state", grainId, read);
        var cleared = new GrainState<ContractState>(new ContractState());
        await Storage.ReadStateAsync("state", grainId, cleared);
        Assert.Null(cleared.State?.Name);
    }

    [Fact]
    public async Task A_second_first_write_of_the_same_grain_is_rejected()
    {
        var grainId = GrainId.Create("contract", Guid.NewGuid().ToString("N"));
        await Storage.WriteStateAsync("state", grainId, new GrainState<ContractState>(new ContractState { Name = "one" }));

        var twin = new GrainState<ContractState>(new ContractState { Name = "twin" });

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", grainId, twin));
    }

    [Fact]
    public async Task Reminder_rows_are_upserted_read_by_range_and_removed_by_etag()
    {
        var grainId = GrainId.Create("contract", Guid.NewGuid().ToString("N"));
        var start = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

        var firstETag = await Reminders.UpsertRow(new ReminderEntry { GrainId = grainId, ReminderName = "tick", StartAt = start, Period = TimeSpan.FromMinutes(5) });
        var secondETag = await Reminders.UpsertRow(new ReminderEntry { GrainId = grainId, ReminderName = "tick", StartAt = start, Period = TimeSpan.FromMinutes(10) });
        Assert.NotEqual(firstETag, secondETag);

        var row = await Reminders.ReadRow(grainId, "tick");
        Assert.NotNull(row);
        Assert.Equal(TimeSpan.FromMinutes(10), row.Period);
        Assert.Equal(start, row.StartAt.ToUniversalTime());
        Assert.Single((await Reminders.ReadRows(grainId)).Reminders);
        Assert.Contains((await Reminders.ReadRows(0, 0)).Reminders, r => r.GrainId == grainId);

        Assert.False(await Reminders.RemoveRow(grainId, "tick", firstETag!));
        Assert.True(await Reminders.RemoveRow(grainId, "tick", secondETag!));
        Assert.Empty((await Reminders.ReadRows(grainId)).Reminders);
    }

    [Fact]
    public async Task Reminder_ranges_include_their_end_and_exclude_their_start_also_when_wrapped()
    {
        var grainId = GrainId.Create("contract", Guid.NewGuid().ToString("N"));
        var hash = grainId.GetUniformHashCode();
        await Reminders.UpsertRow(new ReminderEntry { GrainId = grainId, ReminderName = "r", StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(1) });

        bool Holds(ReminderTableData data) => data.Reminders.Any(r => r.GrainId == grainId);

        Assert.True(Holds(await Reminders.ReadRows(hash - 1, hash)));
        Assert.False(Holds(await Reminders.ReadRows(hash, hash == uint.MaxValue ? hash : hash + 1)));
        Assert.True(Holds(await Reminders.ReadRows(hash == uint.MaxValue ? 0 : hash + 1, hash)));
        Assert.False(Holds(await Reminders.ReadRows(hash, hash - 1)));
    }
}
