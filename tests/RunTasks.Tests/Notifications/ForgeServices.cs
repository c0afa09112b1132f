using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunTasks.Grains.Hosting;
using RunTasks.Grains.Notifications;

namespace RunTasks.Tests.Notifications;

/// <summary>The notification services as a silo registers them, configured for a fake forge.</summary>
internal static class ForgeServices
{
    public static ServiceProvider Create(IDictionary<string, string?> settings, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["RunTasks:AllowHttp"] = "true",
            ["RunTasks:Notifications:AttemptTimeout"] = "00:00:10",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddLogging();
        services.AddRunTasksOptions(configuration);
        services.AddRunTasksNotifications(configuration);
        return services.BuildServiceProvider();
    }

    public static Dictionary<string, string?> GitHubToken(Testing.FakeForge forge) => new()
    {
        ["RunTasks:GitHub:ApiUrl"] = forge.GitHubApiUrl,
        ["RunTasks:GitHub:Hosts:0"] = forge.Authority,
        ["RunTasks:GitHub:Token"] = Testing.FakeForge.GitHubToken,
        ["RunTasks:PullRequests:Comment"] = PullRequestOptions.Always,
    };
}
