using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RunTasks.Grains.Details;

public static class DetailsServiceCollectionExtensions
{
    /// <summary>The details-link signer and its settings; called by silos and by the Api, which must agree on the key.</summary>
    public static IServiceCollection AddRunTasksDetails(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DetailsOptions>()
            .Bind(configuration.GetSection(DetailsOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DetailsOptions>, DetailsSigningKeyValidator>());
        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DetailsLinkSigner>();
        return services;
    }
}
