using RunTasks.Api.Intake;
using RunTasks.Grains.Hosting;
using RunTasks.Grains.Inbox;
using RunTasks.Grains.Security;

namespace RunTasks.Api.Hosting;

public static class IntakeServiceCollectionExtensions
{
    /// <summary>
    /// How POST /run-task takes a request: straight to the in-process grain in embedded mode, or through the durable
    /// inbox in cluster mode (with the cluster's key ring, so silos can decrypt the tokens the Api stored).
    /// </summary>
    public static IServiceCollection AddRunTasksIntake(this IServiceCollection services, IConfiguration configuration, string? connectionString)
    {
        if (connectionString is null)
        {
            services.AddSingleton<IRequestIntake, DirectIntake>();
            return services;
        }
        services.AddRunTasksKeyRing(configuration);
        services.AddSingleton<AccessTokenProtector>();
        services.AddSingleton(_ => new InboxStore(connectionString));
        services.AddSingleton<GrainHandOver>();
        services.AddHostedService(sp => sp.GetRequiredService<GrainHandOver>());
        services.AddSingleton<IRequestIntake, DurableIntake>();
        return services;
    }
}
