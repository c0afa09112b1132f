using RunTasks.Grains.Configuration;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Security;

/// <summary>
/// The silo's own check of the URLs a request would make it call. The Api checks them first and says why; a grain checks
/// again because whoever reaches the cluster's gateway can call it without passing through the Api.
/// </summary>
public static class RequestUrls
{
    public static bool AreAllowed(RunTaskRequest request, RunTasksOptions options) =>
        IsAllowed(request.CallbackUrl, options) && (request.PlanJsonUrl is null || IsAllowed(request.PlanJsonUrl, options));

    private static bool IsAllowed(string url, RunTasksOptions options) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (options.AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
        && string.IsNullOrEmpty(uri.UserInfo)
        && AllowedHostList.Allows(options.EffectiveAllowedHosts, uri);
}
