namespace RunTasks.Grains.Notifications;

/// <summary>A forge's comments on one pull request: list them, write one, edit one, delete one.</summary>
public interface IPullRequestComments
{
    /// <summary>The comments whose body contains <paramref name="scope"/>, oldest first.</summary>
    Task<IReadOnlyList<ExistingComment>> FindAsync(PullRequestRef pr, string scope, CancellationToken cancellationToken);

    Task<long> CreateAsync(PullRequestRef pr, string body, CancellationToken cancellationToken);

    Task EditAsync(PullRequestRef pr, long id, string body, CancellationToken cancellationToken);

    Task DeleteAsync(PullRequestRef pr, long id, CancellationToken cancellationToken);
}
