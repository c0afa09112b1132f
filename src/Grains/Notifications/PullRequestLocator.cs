using System.Globalization;
using RunTasks.Grains.Security;

namespace RunTasks.Grains.Notifications;

/// <summary>
/// Recognises <c>vcs_pull_request_url</c> as a pull request on a configured forge. Only configured hosts count (the same
/// host:port rules as <c>RunTasks:AllowedHosts</c>); RunTasks then calls that forge's configured API, never a host the
/// request names.
/// </summary>
public static class PullRequestLocator
{
    public static PullRequestRef? Find(string? url, NotificationOptions options, bool allowHttp)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp)) || uri.UserInfo.Length > 0)
        {
            return null;
        }

        if (options.GitHub.IsConfigured && AllowedHostList.Allows(options.GitHub.EffectiveHosts, uri) && GitHub(uri) is { } pr)
        {
            return pr;
        }

        if (options.GitLab.IsConfigured && Uri.TryCreate(options.GitLab.Url, UriKind.Absolute, out var gitlab)
            && string.Equals(gitlab.Host, uri.Host, StringComparison.OrdinalIgnoreCase) && gitlab.Port == uri.Port)
        {
            return GitLab(uri, gitlab.AbsolutePath.TrimEnd('/'));
        }

        return null;
    }

    /// <summary><c>/owner/repo/pull/123</c>, possibly followed by <c>/files</c> or the like.</summary>
    private static PullRequestRef? GitHub(Uri uri)
    {
        var parts = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 4 && parts[2] == "pull" && Number(parts[3]) is { } number && IsName(parts[0]) && IsName(parts[1])
            ? new PullRequestRef(ForgeKinds.GitHub, $"{parts[0]}/{parts[1]}", number)
            : null;
    }

    /// <summary><c>[/root]/group/sub/project/-/merge_requests/12</c>.</summary>
    private static PullRequestRef? GitLab(Uri uri, string root)
    {
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        if (root.Length > 0)
        {
            if (!path.StartsWith(root + "/", StringComparison.Ordinal))
            {
                return null;
            }

            path = path[root.Length..];
        }

        var split = path.IndexOf("/-/merge_requests/", StringComparison.Ordinal);
        if (split <= 0)
        {
            return null;
        }

        var project = path[1..split];
        var rest = path[(split + "/-/merge_requests/".Length)..].Split('/')[0];
        return project.Split('/').All(IsName) && project.Contains('/', StringComparison.Ordinal) && Number(rest) is { } iid
            ? new PullRequestRef(ForgeKinds.GitLab, project, iid)
            : null;
    }

    private static long? Number(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    private static bool IsName(string part) =>
        part.Length is > 0 and <= 255 && part != "." && part != ".." && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
