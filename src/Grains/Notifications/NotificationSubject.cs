using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Notifications;

/// <summary>What a notification is about: the request's display fields and the verdict. Never the access token.</summary>
public sealed record NotificationSubject(
    string TaskResultId,
    string Stage,
    string? Organization,
    string? Project,
    string? Workspace,
    string? RunId,
    string? RunUrl,
    string? EnforcementLevel,
    string? PullRequestUrl,
    string? CommitHash,
    Verdict Verdict,
    string? DetailsUrl,
    DateTimeOffset AcceptedAt)
{
    public static NotificationSubject From(RunTaskRequest request, Verdict verdict, string? detailsUrl, DateTimeOffset acceptedAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.TaskResultId, request.Stage, request.OrganizationName, request.ProjectName, request.WorkspaceName,
            request.RunId, request.RunAppUrl, request.EnforcementLevel, request.Origin?.VcsPullRequestUrl, request.Origin?.VcsCommitHash,
            verdict, detailsUrl, acceptedAt);
    }

    public IReadOnlyList<FindingDetail> Findings => Verdict.Details?.Findings ?? [];

    /// <summary>Findings the verdict holds plus those its details left out.</summary>
    public int TotalFindings => Findings.Count + (Verdict.Details?.OmittedFindings ?? 0);

    public string WorkspacePath => string.Join('/', new[] { Organization, Workspace }.Where(p => !string.IsNullOrEmpty(p)));
}
