using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Lifecycle;

namespace RunTasks.Grains.History;

/// <summary>
/// Builds the history entry of a finished task result from its state: plain logic, no I/O. It reads only display
/// fields: the request's token is never looked at, and findings keep their identity and title, not their bodies
/// (which quote the plan).
/// </summary>
public static class HistoryEntryBuilder
{
    /// <summary>The verdict message kept; a longer one is cut.</summary>
    public const int MaxMessage = 1_000;

    /// <summary>The lifecycle's words for a final status HCP Terraform accepted as sent (anything after it is the 409's detail).</summary>
    private const string AcceptedEvent = "Final status accepted by HCP Terraform";

    /// <summary>The entry, or null when the task result is not finished (nothing to record yet).</summary>
    public static HistoryEntry? From(TaskResultState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Phase != TaskPhase.Done || state.Request is not { } request || state.Verdict is not { } verdict)
        {
            return null;
        }

        var details = verdict.Details;
        var findings = (details?.Findings ?? []).Select(Record).ToList();
        var origin = request.Origin;
        var plan = details?.Plan;
        var run = new RunRecord
        {
            TaskResultId = request.TaskResultId,
            Organization = request.OrganizationName,
            Project = request.ProjectName,
            Workspace = request.WorkspaceName,
            WorkspaceId = origin?.WorkspaceId,
            RunId = request.RunId,
            Stage = request.Stage,
            EnforcementLevel = request.EnforcementLevel,
            IsSpeculative = request.IsSpeculative,
            VcsRepoUrl = origin?.VcsRepoUrl,
            VcsBranch = origin?.VcsBranch,
            VcsCommitHash = origin?.VcsCommitHash,
            VcsCommitUrl = origin?.VcsCommitUrl,
            VcsPullRequestUrl = origin?.VcsPullRequestUrl,
            RunCreatedBy = origin?.RunCreatedBy,
            RunMessage = Cap(origin?.RunMessage, RunOrigin.MaxRunMessage),
            RunAppUrl = request.RunAppUrl,
            ReceivedAt = state.AcceptedAt,
            FinishedAt = state.CompletedAt ?? state.UpdatedAt,
            Verdict = details is null || details.NotChecked ? HistoryVerdict.Errored
                : verdict.Status == VerdictStatus.Passed ? HistoryVerdict.Passed : HistoryVerdict.Failed,
            Status = verdict.Status,
            Message = Cap(verdict.Message, MaxMessage),
            Delivery = DeliveryOf(state),
            Watchdog = state.Watchdog,
            Errors = findings.Count(f => f.Severity == FindingSeverity.Error),
            Warnings = findings.Count(f => f.Severity == FindingSeverity.Warning),
            Infos = findings.Count(f => f.Severity == FindingSeverity.Info),
            Waived = findings.Count(f => f.WaiverId is not null),
            OmittedFindings = details?.OmittedFindings ?? 0,
            PlanCreate = plan?.Create ?? 0,
            PlanUpdate = plan?.Update ?? 0,
            PlanReplace = plan?.Replace ?? 0,
            PlanDestroy = plan?.Delete ?? 0,
            PolicySets = details?.PolicySets ?? [],
        };
        return new HistoryEntry(run, findings);
    }

    /// <summary>Accepted as sent, already final (409, or a progress update told so), rejected for good, or expired.</summary>
    public static HistoryDelivery DeliveryOf(TaskResultState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Delivery switch
        {
            DeliveryOutcome.Delivered => state.History.Count > 0 && state.History[^1].What == AcceptedEvent ? HistoryDelivery.Accepted : HistoryDelivery.AlreadyFinal,
            DeliveryOutcome.Rejected => HistoryDelivery.Rejected,
            _ => HistoryDelivery.Expired,
        };
    }

    /// <summary>The resource type of an address: the part before the name, after any module path and <c>data.</c>.</summary>
    public static string? ResourceTypeOf(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var rest = address;
        // module.a["k"].module.b.aws_s3_bucket.x: drop each module.NAME[KEY] step, keys may hold dots and quotes.
        while (rest.StartsWith("module.", StringComparison.Ordinal))
        {
            var end = SkipStep(rest, "module.".Length);
            if (end >= rest.Length)
            {
                return null;
            }

            rest = rest[(end + 1)..];
        }

        if (rest.StartsWith("data.", StringComparison.Ordinal))
        {
            rest = rest["data.".Length..];
        }

        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? rest[..dot] : null;
    }

    /// <summary>The index of the dot after a name and its optional [key] starting at <paramref name="start"/>.</summary>
    private static int SkipStep(string address, int start)
    {
        var i = start;
        while (i < address.Length && address[i] != '.' && address[i] != '[')
        {
            i++;
        }

        if (i < address.Length && address[i] == '[')
        {
            var quoted = false;
            for (i++; i < address.Length; i++)
            {
                if (quoted && address[i] == '\\')
                {
                    i++;
                }
                else if (address[i] == '"')
                {
                    quoted = !quoted;
                }
                else if (!quoted && address[i] == ']')
                {
                    i++;
                    break;
                }
            }
        }

        return i;
    }

    private static RecordedFinding Record(FindingDetail finding) => new(
        finding.RuleId,
        finding.Severity,
        finding.Address,
        ResourceTypeOf(finding.Address),
        finding.Description,
        finding.Waiver?.Id);

    private static string? Cap(string? text, int max) => text is not { Length: > 0 } || text.Length <= max
        ? text
        : text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
}
