using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RunTasks.Grains.Configuration;

namespace RunTasks.Grains.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>Pull request comments and chat/webhook routes: settings validated at start, the clients, the sender.</summary>
    public static IServiceCollection AddRunTasksNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(s => s.ServiceType == typeof(NotificationDispatch)))
        {
            return services;
        }

        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(RunTasksOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.AddSingleton<GitHubCredentials>();
        services.AddSingleton<GitHubComments>();
        services.AddSingleton<GitLabNotes>();
        services.AddSingleton<PullRequestCommenter>();
        services.AddSingleton<RouteClient>();
        services.AddSingleton<NotificationSender>();
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<NotificationDispatch>();

        // No logging (Slack and Teams URLs are secrets, forge URLs name private repositories), no redirects (a body goes
        // only to the configured host), each request limited to the attempt's time.
        var timeout = (configuration.GetSection(RunTasksOptions.Section).Get<NotificationOptions>() ?? new()).Notifications.AttemptTimeout;
        services.AddHttpClient(NotificationHttp.HttpClientName, c => c.Timeout = timeout > TimeSpan.Zero ? timeout : TimeSpan.FromSeconds(30))
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }
}
