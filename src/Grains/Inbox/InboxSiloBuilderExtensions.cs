using Microsoft.Extensions.DependencyInjection;
using RunTasks.Grains.Inbox;

namespace RunTasks.Grains.Hosting;

public static class InboxSiloBuilderExtensions
{
    /// <summary>Cluster mode: this silo re-drives inbox rows the Api could not hand over.</summary>
    public static ISiloBuilder AddRunTasksInboxPump(this ISiloBuilder silo, string connectionString)
    {
        silo.Services.AddSingleton<IInboxStore>(_ => new InboxStore(connectionString));
        silo.Services.AddSingleton<InboxPump>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<InboxPump>());
        return silo;
    }
}
