using RunTasks.Api.Intake;
using RunTasks.Grains.Hosting;
using RunTasks.Grains.Inbox;
using RunTasks.Grains.Security;
using RunTasks.Grains.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RunTasks.Api.Hosting;

public static class IntakeServiceCollectionExtensions
{
    /// <summary>
    /// How POST /run-task takes a request: straight to the in-process grain in embedded mode in memory, or through the
    /// durable inbox: PostgreSQL in cluster mode (with the cluster's key ring, so silos can decrypt the tokens the Api
    /// stored), the data file in embedded mode.
    /// </summary>
    /// <param name="dataFile">Embedded mode's data file (its inbox is registered with the silo); null in memory or in cluster mode.</param>
    public static IServiceCollection AddRunTasksIntake(this IServiceCollection services, IConfiguration configuration, string? connectionString, DataFile? dataFile = null)
    {
        if (connectionString is null && dataFile is null)
        {
            services.AddSingleton<IRequestIntake, DirectIntake>();
            return services;
        }
        services.AddRunTasksKeyRing(configuration);
        services.TryAddSingleton<AccessTokenProtector>();
        if (connectionString is not null)
        {
            services.AddSingleton<IInboxStore>(_ => new InboxStore(connectionString));
        }
        services.AddSingleton<GrainHandOver>();
        services.AddHostedService(sp => sp.GetRequiredService<GrainHandOver>());
        services.AddSingleton<IRequestIntake, DurableIntake>();
        return services;
    }
}
