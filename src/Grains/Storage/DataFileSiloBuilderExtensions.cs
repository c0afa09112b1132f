using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RunTasks.Grains.History;
using RunTasks.Grains.Hosting;
using RunTasks.Grains.Inbox;
using RunTasks.Grains.Lifecycle;

namespace RunTasks.Grains.Storage;

public static class DataFileSiloBuilderExtensions
{
    /// <summary>Orleans' name for SQLite (AdoNetInvariants.InvariantNameSqlLite, internal); it loads Microsoft.Data.Sqlite's factory.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// Embedded mode, durable: task results through Orleans' ADO.NET grain storage on SQLite, reminders, the inbox
    /// (with its pump) and the key ring, all in the one data file; its readiness and its upkeep.
    /// </summary>
    public static ISiloBuilder UseRunTasksDataFile(this ISiloBuilder silo, DataFile file)
    {
        silo.AddAdoNetGrainStorage(StorageNames.TaskResults, o =>
        {
            o.Invariant = SqliteInvariant;
            o.ConnectionString = file.ConnectionString;
            o.DeleteStateOnClear = true; // a deleted task result leaves no row behind
        });
        silo.AddReminders();

        var services = silo.Services;
        // Created by a factory, so the container disposes it (releasing the lock) at shutdown; the reminder service resolves it at start.
        services.TryAddSingleton(_ => file);
        services.AddSingleton<IReminderTable>(sp => new SqliteReminderTable(sp.GetRequiredService<DataFile>(), sp.GetRequiredService<IOptions<ClusterOptions>>()));
        services.AddSingleton<IInboxStore>(sp => new SqliteInboxStore(file, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<InboxPump>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<InboxPump>());
        // DataProtection:KeysPath, when set, still wins: its repository is configured after this one.
        services.Configure<KeyManagementOptions>(o => o.XmlRepository ??= new SqliteXmlRepository(file));
        services.AddHostedService<DataFileMaintenance>();
        services.AddHostedService<DataFileCheckpointer>();
        services.UseRunTasksHistoryStore(_ => HistoryStore.ForSqlite(file.Connect));
        services.AddHealthChecks().AddCheck<DataFileHealthCheck>(DataFileHealthCheck.Name, tags: [RunTasksDefaults.Ready]);
        return silo;
    }
}
