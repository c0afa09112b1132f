using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Api.Details;

/// <summary>
/// The JSON form of <c>/task-results/{id}</c>: the run (organisation, project, workspace, stage), whether the plan was
/// checked, the headline, the findings and the history, every name in camelCase. Never the token.
/// </summary>
public sealed record TaskResultJson(
    string TaskResultId,
    string? Organization,
    string? Project,
    string? Workspace,
    string? RunId,
    string? RunUrl,
    string? WorkspaceUrl,
    string Stage,
    string? EnforcementLevel,
    bool IsSpeculative,
    TaskPhase Phase,
    VerdictStatus? Verdict,
    CheckState Check,
    string Headline,
    string? Message,
    DateTimeOffset AcceptedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset Deadline,
    DateTimeOffset? CompletedAt,
    DeliveryOutcome Delivery,
    int OutcomeCount,
    int CallbackAttempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    int AnalysisAttempts,
    PlanCounts? Plan,
    IReadOnlyList<string> PolicySets,
    IReadOnlyList<FindingDetail> Findings,
    int OmittedFindings,
    IReadOnlyList<TaskEventJson> History)
{
    public static TaskResultJson From(TaskResultDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var s = details.Snapshot;
        var verdict = details.Verdict;
        return new TaskResultJson(
            s.TaskResultId,
            details.OrganizationName,
            details.ProjectName,
            details.WorkspaceName,
            details.RunId,
            details.RunAppUrl,
            details.WorkspaceAppUrl,
            s.Stage,
            details.EnforcementLevel,
            details.IsSpeculative,
            s.Phase,
            s.Verdict,
            DetailsSummary.StateOf(details),
            DetailsSummary.Headline(details),
            s.Message,
            s.AcceptedAt,
            s.UpdatedAt,
            s.Deadline,
            s.CompletedAt,
            s.Delivery,
            s.OutcomeCount,
            s.CallbackAttempts,
            s.NextAttemptAt,
            s.LastError,
            s.AnalysisAttempts,
            verdict?.Plan,
            verdict?.PolicySets ?? [],
            verdict?.Findings ?? [],
            verdict?.OmittedFindings ?? 0,
            [.. s.History.Select(e => new TaskEventJson(e.At, e.What))]);
    }
}
