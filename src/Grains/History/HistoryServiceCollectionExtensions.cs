using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RunTasks.Grains.History;

public static class HistoryServiceCollectionExtensions
{
    /// <summary>
    /// The results store's settings and queries. The store is the mode's (<see cref="UseRunTasksHistoryStore"/>: the
    /// data file, PostgreSQL); without one, a scratch SQLite file that lives as long as the process.
    /// </summary>
    public static IServiceCollection AddRunTasksHistoryQueries(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(s => s.ServiceType == typeof(HistoryScratchFile)))
        {
            return services;
        }

        services.AddOptions<HistoryOptions>().Bind(configuration.GetSection(HistoryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HistoryScratchFile>();
        services.TryAddSingleton<IHistoryStore>(sp => HistoryStore.ForSqlite(sp.GetRequiredService<HistoryScratchFile>().Connect));
        services.TryAddSingleton<IHistoryQueries>(sp => sp.GetRequiredService<IHistoryStore>());
        return services;
    }

    /// <summary>A silo's part: the queries, and the recorder its grains hand finished results to, and retention.</summary>
    public static IServiceCollection AddRunTasksHistory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRunTasksHistoryQueries(configuration);
        if (services.Any(s => s.ServiceType == typeof(HistoryRecorder)))
        {
            return services;
        }

        services.AddMetrics();
        services.TryAddSingleton<HistoryMetrics>();
        services.AddSingleton<HistoryRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<HistoryRecorder>());
        services.AddSingleton<HistoryRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<HistoryRetention>());
        return services;
    }

    /// <summary>The mode's store (registered before or after the defaults, it wins).</summary>
    public static IServiceCollection UseRunTasksHistoryStore(this IServiceCollection services, Func<IServiceProvider, IHistoryStore> store)
    {
        services.RemoveAll<IHistoryStore>();
        services.AddSingleton(store);
        return services;
    }
}
