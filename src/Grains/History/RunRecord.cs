using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.History;

/// <summary>
/// One recorded task result: who ran what, where, and how it ended. Never the access token or a plan value; the run
/// message and the verdict message are capped. Watchdog is <c>total</c> or <c>progress</c> when the deadline watchdog
/// gave the verdict. Counts are over the recorded findings (at most <see cref="VerdictDetails.MaxFindings"/>;
/// <see cref="OmittedFindings"/> the engine found beyond them). NewFindings and FixedFindings compare with the same
/// workspace's previous recorded run of the same stage (<see cref="PreviousTaskResultId"/>), computed when recorded.
/// </summary>
public sealed record RunRecord
{
    public required string TaskResultId { get; init; }
    public string? Organization { get; init; }
    public string? Project { get; init; }
    public string? Workspace { get; init; }
    public string? WorkspaceId { get; init; }
    public string? RunId { get; init; }
    public required string Stage { get; init; }
    public string? EnforcementLevel { get; init; }
    public bool IsSpeculative { get; init; }
    public string? VcsRepoUrl { get; init; }
    public string? VcsBranch { get; init; }
    public string? VcsCommitHash { get; init; }
    public string? VcsCommitUrl { get; init; }
    public string? VcsPullRequestUrl { get; init; }
    public string? RunCreatedBy { get; init; }
    public string? RunMessage { get; init; }
    public string? RunAppUrl { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public required HistoryVerdict Verdict { get; init; }
    /// <summary>The status HCP Terraform was sent (an errored run may have been passed by <c>RunTasks:OnTimeout</c>).</summary>
    public required VerdictStatus Status { get; init; }
    public string? Message { get; init; }
    public required HistoryDelivery Delivery { get; init; }
    public string? Watchdog { get; init; }
    public int Errors { get; init; }
    public int Warnings { get; init; }
    public int Infos { get; init; }
    public int Waived { get; init; }
    public int OmittedFindings { get; init; }
    public int PlanCreate { get; init; }
    public int PlanUpdate { get; init; }
    public int PlanReplace { get; init; }
    public int PlanDestroy { get; init; }
    public IReadOnlyList<string> PolicySets { get; init; } = [];
    public int NewFindings { get; init; }
    public int FixedFindings { get; init; }
    public string? PreviousTaskResultId { get; init; }
}
