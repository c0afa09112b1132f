using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using RunTasks.Grains.Lifecycle;

namespace RunTasks.IntegrationTests.Storage;

/// <summary>The storage contract on the embedded data file: Orleans' ADO.NET grain storage on SQLite and our reminder table.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707", Justification = "Test names are sentences.")]
public sealed class SqliteStorageContractTests(SqliteSiloFixture fixture) : StorageProviderContract, IClassFixture<SqliteSiloFixture>
{
    protected override IGrainStorage Storage => fixture.Silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.TaskResults);

    protected override IReminderTable Reminders => fixture.Silo.Services.GetRequiredService<IReminderTable>();

    /// <summary>Stricter than the contract (PostgreSQL's version restarts at a re-add): a fresh ETag per write.</summary>
    [Fact]
    public async Task A_reminder_removed_and_added_again_does_not_answer_to_its_old_etag()
    {
        var grainId = GrainId.Create("contract", Guid.NewGuid().ToString("N"));
        var entry = new ReminderEntry { GrainId = grainId, ReminderName = "again", StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(1) };
        var oldETag = await Reminders.UpsertRow(entry);
        Assert.True(await Reminders.RemoveRow(grainId, "again", oldETag!));
        await Reminders.UpsertRow(entry);

        Assert.False(await Reminders.RemoveRow(grainId, "again", oldETag!));
        Assert.NotNull(await Reminders.ReadRow(grainId, "again"));
    }
}
