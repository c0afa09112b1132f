namespace RunTasks.Grains.Notifications;

/// <summary>
/// Where RunTasks tells people about a verdict, bound from the <c>RunTasks</c> section: <c>RunTasks:GitHub</c>,
/// <c>RunTasks:GitLab</c>, <c>RunTasks:PullRequests</c> and <c>RunTasks:Notifications</c>.
/// </summary>
public sealed class NotificationOptions
{
    public GitHubOptions GitHub { get; set; } = new();

    public GitLabOptions GitLab { get; set; } = new();

    public PullRequestOptions PullRequests { get; set; } = new();

    public RouteOptions Notifications { get; set; } = new();
}
