using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunTasks.Grains.History;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Notifications;

/// <summary>
/// Keeps one comment per pull request, workspace and stage: finds it by its marker and edits it, or writes it once.
/// A retry after a crash between writing and recording finds the marker and edits. Sends for the same comment take
/// turns on this silo, and a run that waited while a later one came in leaves the comment to it; across silos, a
/// second comment written at the same moment is deleted again at once, and a run's comment never replaces a later run's.
/// </summary>
public sealed partial class PullRequestCommenter(
    GitHubComments github,
    GitLabNotes gitlab,
    IOptions<NotificationOptions> options,
    IOptions<Configuration.RunTasksOptions> runTasks,
    ILogger<PullRequestCommenter> logger,
    IHistoryQueries? history = null)
{
    private readonly CommentTurns _turns = new();

    public async Task<NotificationResult> SendAsync(NotificationSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (PullRequestLocator.Find(subject.PullRequestUrl, options.Value, runTasks.Value.AllowHttp) is not { } pr)
        {
            return NotificationResult.Rejected("the pull request is not on a configured forge any more");
        }

        IPullRequestComments forge = pr.Forge == ForgeKinds.GitLab ? gitlab : github;
        var scope = CommentMarker.Scope(subject);
        using var turn = await _turns.EnterAsync($"{pr}{scope}", subject.AcceptedAt.ToUnixTimeMilliseconds(), cancellationToken);
        // A later run of the same comment came in while this one waited: it writes the comment, this one need not.
        return turn.Superseded
            ? new(NotificationResultKind.Skipped, "superseded", "a later run is updating the comment")
            : await WriteAsync(forge, pr, subject, scope, cancellationToken);
    }

    private async Task<NotificationResult> WriteAsync(IPullRequestComments forge, PullRequestRef pr, NotificationSubject subject, string scope, CancellationToken cancellationToken)
    {
        var existing = await forge.FindAsync(pr, scope, cancellationToken);
        var oldest = existing.Count > 0 ? existing[0] : null;
        var marker = oldest is null ? null : CommentMarker.Read(oldest.Body, scope);
        var ours = subject.AcceptedAt.ToUnixTimeMilliseconds();
        if (marker is { } m && m.At > ours)
        {
            return new(NotificationResultKind.Skipped, "superseded", "a later run already updated the comment");
        }

        var hash = CommentMarker.Hash(subject.Verdict);
        if (options.Value.PullRequests.Comment == PullRequestOptions.FailedOrChanged && subject.Verdict.Status != VerdictStatus.Failed)
        {
            if (oldest is null)
            {
                return new(NotificationResultKind.Skipped, "unchanged", "passed, and no earlier comment to correct");
            }

            if (marker?.Hash == hash)
            {
                return new(NotificationResultKind.Skipped, "unchanged", "the comment already says this");
            }
        }

        var body = PullRequestComment.Render(subject, await PreviousFindingsAsync(subject, cancellationToken));
        if (oldest is not null)
        {
            await forge.EditAsync(pr, oldest.Id, body, cancellationToken);
            await RemoveTwinsAsync(forge, pr, existing.Skip(1), cancellationToken);
            return new(NotificationResultKind.Sent, "edited", $"comment {oldest.Id} updated");
        }

        var created = await forge.CreateAsync(pr, body, cancellationToken);
        // Another silo may have written its own at the same moment: the oldest stays, the others go.
        var now = await forge.FindAsync(pr, scope, cancellationToken);
        if (now.Count > 1 && now[0].Id != created)
        {
            if (CommentMarker.Read(now[0].Body, scope) is { } other && other.At < ours)
            {
                await forge.EditAsync(pr, now[0].Id, body, cancellationToken);
            }

            await RemoveTwinsAsync(forge, pr, now.Skip(1), cancellationToken);
            return new(NotificationResultKind.Sent, "edited", $"comment {now[0].Id} updated");
        }

        return new(NotificationResultKind.Sent, "created", $"comment {created} written");
    }

    private static async Task RemoveTwinsAsync(IPullRequestComments forge, PullRequestRef pr, IEnumerable<ExistingComment> twins, CancellationToken cancellationToken)
    {
        foreach (var twin in twins)
        {
            await forge.DeleteAsync(pr, twin.Id, cancellationToken);
        }
    }

    /// <summary>
    /// The findings of the workspace's latest run of the same stage that finished before this one came in, from the
    /// history; null (the comment then says nothing about changes) without history, before a first run, or when the
    /// store cannot answer — a comment never waits on or fails for it.
    /// </summary>
    private async Task<IReadOnlyCollection<FindingKey>?> PreviousFindingsAsync(NotificationSubject subject, CancellationToken cancellationToken)
    {
        if (history is null || subject.Workspace is not { } workspace || workspace.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            return null;
        }

        try
        {
            var filter = new HistoryFilter { Organization = subject.Organization, Workspace = workspace, Stage = subject.Stage, To = subject.AcceptedAt };
            var runs = await history.ListRunsAsync(filter, new PageRequest(Limit: 5), cancellationToken);
            if (runs.Items.FirstOrDefault(r => r.TaskResultId != subject.TaskResultId && r.Verdict != HistoryVerdict.Errored) is not { } previous
                || await history.GetRunAsync(previous.TaskResultId, cancellationToken) is not { } detail)
            {
                return null;
            }

            return [.. detail.Findings.Select(f => new FindingKey(f.RuleId, f.Address))];
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNoHistory(logger, exception.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The pull request comment says nothing about changes: the history could not be read ({Error}).")]
    private static partial void LogNoHistory(ILogger logger, string error);
}
