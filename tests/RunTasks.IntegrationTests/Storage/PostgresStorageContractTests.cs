using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using RunTasks.IntegrationTests.Postgres;

namespace RunTasks.IntegrationTests.Storage;

/// <summary>The storage contract on PostgreSQL: the Orleans ADO.NET providers over the project's schema.</summary>
public sealed class PostgresStorageContractTests(AdoNetSiloFixture fixture) : StorageProviderContract, IClassFixture<AdoNetSiloFixture>
{
    protected override IGrainStorage Storage => fixture.Silo.Services.GetRequiredKeyedService<IGrainStorage>(AdoNetSiloFixture.StorageName);

    protected override IReminderTable Reminders => fixture.Silo.Services.GetRequiredService<IReminderTable>();
}
