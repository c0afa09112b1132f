using System.Security.Cryptography;
using System.Text;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Notifications;

/// <summary>Which notifications a verdict calls for: the pull request comment, and each route whose globs and condition match.</summary>
public static class NotificationPlanner
{
    public static IReadOnlyList<NotificationTarget> Targets(RunTaskRequest request, Verdict verdict, NotificationOptions options, bool allowHttp)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(options);
        var targets = new List<NotificationTarget>();
        if (options.PullRequests.Comment != PullRequestOptions.Off
            && PullRequestLocator.Find(request.Origin?.VcsPullRequestUrl, options, allowHttp) is { } pr
            && !IsExcluded(request, options.PullRequests))
        {
            targets.Add(new NotificationTarget(NotificationDelivery.PullRequest, pr.Forge));
        }

        var routes = options.Notifications.Routes;
        for (var i = 0; i < routes.Length; i++)
        {
            var route = routes[i];
            if (NameGlob.AnyMatches(route.Organizations, request.OrganizationName)
                && NameGlob.AnyMatches(route.Projects, request.ProjectName)
                && NameGlob.AnyMatches(route.Workspaces, request.WorkspaceName)
                && Applies(route.When, request, verdict))
            {
                targets.Add(new NotificationTarget($"route:{i}", route.Kind, Fingerprint(route)));
            }
        }

        return targets;
    }

    /// <summary>Ties a stored route notification to the route's settings: a route moved or edited since is not sent to by index.</summary>
    public static string Fingerprint(NotificationRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{route.Kind}\n{route.Url}")))[..16];
    }

    private static bool IsExcluded(RunTaskRequest request, PullRequestOptions options) =>
        options.Exclude.Any(glob => NameGlob.Matches(glob, $"{request.OrganizationName}/{request.ProjectName}/{request.WorkspaceName}"));

    private static bool Applies(string when, RunTaskRequest request, Verdict verdict) => when switch
    {
        NotificationRoute.WhenAlways => true,
        NotificationRoute.WhenMandatoryFailed => verdict.Status == VerdictStatus.Failed
            && string.Equals(request.EnforcementLevel, "mandatory", StringComparison.OrdinalIgnoreCase),
        _ => verdict.Status == VerdictStatus.Failed,
    };
}
