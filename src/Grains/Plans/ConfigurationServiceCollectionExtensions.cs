using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RunTasks.Analysis.Configuration;
using RunTasks.Analysis.Policies;

namespace RunTasks.Grains.Plans;

/// <summary>Host wiring of the configuration check (pre_plan): the downloader, the analyzer and <see cref="ConfigurationCheck"/>.</summary>
public static class ConfigurationServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ConfigurationCheck"/> and what it needs. Call after <c>AddRunTasksGrains</c>: it uses the plan
    /// HTTP client (allowed hosts, address checks, pacing) and the registered <see cref="IPolicyProvider"/>.
    /// </summary>
    public static IServiceCollection AddRunTasksConfigurationChecks(this IServiceCollection services)
    {
        services.TryAddSingleton(ConfigurationLimits.Default);
        services.TryAddSingleton(sp => new ConfigurationAnalyzer(sp.GetRequiredService<IPolicyProvider>(), sp.GetRequiredService<ConfigurationLimits>()));
        services.TryAddSingleton<IConfigurationAnalyzer, PolicyConfigurationAnalyzer>();
        services.TryAddSingleton<ConfigurationDownloader>();
        services.TryAddSingleton<ConfigurationCheck>();
        return services;
    }
}
