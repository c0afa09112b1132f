using RunTasks.Grains.Configuration;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Security;

/// <summary>
/// Whether the service may call a URL a request names. The Api checks before it answers (and says why); a grain checks
/// again because whoever reaches the cluster's gateway can call it without passing through the Api.
/// </summary>
public static class RequestUrls
{
    public static bool AreAllowed(RunTaskRequest request, RunTasksOptions options) =>
        Problem(request.CallbackUrl, options) is null
        && (request.PlanJsonUrl is null || Problem(request.PlanJsonUrl, options) is null)
        && (request.ConfigurationVersionDownloadUrl is null || Problem(request.ConfigurationVersionDownloadUrl, options) is null);

    /// <summary>Null when the service may call the URL; otherwise the reason, without echoing the URL's path or query.</summary>
    public static string? Problem(string url, RunTasksOptions options)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "is not an absolute URL.";
        }

        var schemeOk = uri.Scheme == Uri.UriSchemeHttps || (options.AllowHttp && uri.Scheme == Uri.UriSchemeHttp);
        if (!schemeOk)
        {
            return options.AllowHttp ? "must be http or https." : "must be https.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not carry credentials.";
        }

        if (AllowedHostList.Allows(options.EffectiveAllowedHosts, uri))
        {
            return null;
        }

        return AllowedHostList.NamesHost(options.EffectiveAllowedHosts, uri)
            ? $"points at port {uri.Port} of '{uri.Host}'; RunTasks:AllowedHosts allows only the scheme's default port unless an entry names host:port."
            : $"points at host '{uri.Host}', which is not in RunTasks:AllowedHosts.";
    }
}
