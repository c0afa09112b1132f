using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using RunTasks.Grains.Lifecycle;

namespace RunTasks.IntegrationTests.Storage;

/// <summary>The storage contract on the embedded data file: Orleans' ADO.NET grain storage on SQLite and our reminder table.</summary>
public sealed class SqliteStorageContractTests(SqliteSiloFixture fixture) : StorageProviderContract, IClassFixture<SqliteSiloFixture>
{
    protected override IGrainStorage Storage => fixture.Silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.TaskResults);

    protected override IReminderTable Reminders => fixture.Silo.Services.GetRequiredService<IReminderTable>();
}
