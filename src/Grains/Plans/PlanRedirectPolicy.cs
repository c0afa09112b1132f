using System.Net;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Security;

namespace RunTasks.Grains.Plans;

/// <summary>
/// Decides whether a redirect of the plan download may be followed. HCP Terraform sends its object store's pre-signed
/// URL; anything that would turn RunTasks into a proxy into its own network (metadata service, loopback services,
/// private ranges, odd ports) is refused.
/// </summary>
public static class PlanRedirectPolicy
{
    /// <summary>The rules for connecting to <paramref name="target"/>; throws a final <see cref="PlanUnavailableException"/> if refused.</summary>
    public static PlanDestination Check(Uri original, Uri target, RunTasksOptions options)
    {
        if (target.Scheme != Uri.UriSchemeHttps && !(options.AllowHttp && target.Scheme == Uri.UriSchemeHttp))
        {
            throw Refused("a non-https URL");
        }

        if (!string.IsNullOrEmpty(target.UserInfo))
        {
            throw Refused("a URL with credentials");
        }

        var sameOrigin = Uri.Compare(original, target, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;
        if (sameOrigin || AllowedHostList.Allows(options.EffectiveAllowedHosts, target))
        {
            return PlanDestination.AllowedHost;
        }

        if (!target.IsDefaultPort)
        {
            throw Refused($"port {target.Port} of '{target.Host}' (only the scheme's default port, the original host's port or an allowed host:port)");
        }

        var destination = new PlanDestination(Trusted: false, AllowLoopback: IsLoopback(original), AllowPrivate: options.AllowPrivateRedirects);
        if (IPAddress.TryParse(target.Host.Trim('[', ']').TrimEnd('.'), out var literal) && destination.Refusal(literal) is { } why)
        {
            throw Refused($"'{target.Host}', {why}");
        }

        return destination;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || uri.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    private static PlanUnavailableException Refused(string what) =>
        new($"The plan download was redirected to {what}; RunTasks refuses to follow it.", transient: false);
}
