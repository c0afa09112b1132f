using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RunTasks.Grains.Configuration;

namespace RunTasks.Grains.Hosting;

public static class RunTasksServiceCollectionExtensions
{
    /// <summary>Binds and validates <c>RunTasks</c> settings; a bad value stops the process at start-up naming the key.</summary>
    public static IServiceCollection AddRunTasksOptions(this IServiceCollection services, IConfiguration configuration)
    {
        // Binding twice would append every array entry again (two HmacKeys, each AllowedHosts error reported twice).
        if (services.Any(s => s.ServiceType == typeof(IValidateOptions<RunTasksOptions>) && s.ImplementationType == typeof(RunTasksOptionsValidator)))
        {
            return services;
        }

        services.AddOptions<RunTasksOptions>()
            .Bind(configuration.GetSection(RunTasksOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RunTasksOptions>, RunTasksOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
