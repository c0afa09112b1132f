namespace RunTasks.Grains.Notifications;

/// <summary>
/// A pull request (GitHub) or merge request (GitLab) on a configured forge. <paramref name="Repository"/> is
/// <c>owner/repo</c> on GitHub and the project's full path on GitLab; <paramref name="Number"/> the PR number or MR iid.
/// </summary>
public sealed record PullRequestRef(string Forge, string Repository, long Number)
{
    /// <summary>GitHub's owner, the part before the slash.</summary>
    public string Owner => Repository[..Repository.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>GitHub's repository name, the part after the slash.</summary>
    public string Name => Repository[(Repository.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
