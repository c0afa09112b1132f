using System.Globalization;
using RunTasks.Analysis.Engine;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Api.Details;

/// <summary>
/// What the details page and its JSON form say first: whether the plan was checked at all, and a short headline
/// (counts and the first finding), never the whole callback message.
/// </summary>
public static class DetailsSummary
{
    /// <summary>The engine's finding for bytes it could not read as a plan: no policy ran.</summary>
    public const string PlanUnreadableRule = "plan_unreadable";

    public const string NotCheckedHeadline = "RunTasks could not check this plan — not a finding in your code — re-run the plan";

    private const int MaxFirstFinding = 200;

    /// <summary>
    /// Verdicts from a plan check carry details (Verdict.Details); one without them at a stage that has a plan was made
    /// because the check could not run (download failure, internal error, watchdog), as was one whose details say so
    /// (<see cref="VerdictDetails.NotChecked"/>) or whose finding is that the plan is unreadable.
    /// </summary>
    public static CheckState StateOf(TaskResultDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var s = details.Snapshot;
        if (s.Verdict is null)
        {
            return CheckState.Pending;
        }

        if (details.Verdict is not { } verdict)
        {
            return s.Stage == "pre_plan" ? CheckState.NothingToCheck : CheckState.NotChecked;
        }

        return verdict.NotChecked || verdict.Findings.Any(f => f.RuleId == PlanUnreadableRule) ? CheckState.NotChecked : CheckState.Checked;
    }

    /// <summary>One short line: the state, the finding counts and the first finding; for other states, what happened.</summary>
    public static string Headline(TaskResultDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var s = details.Snapshot;
        switch (StateOf(details))
        {
            case CheckState.Pending:
                return "Waiting for the plan check";
            case CheckState.NotChecked:
                return NotCheckedHeadline;
            case CheckState.NothingToCheck:
                return "Nothing to check: there is no plan at the pre-plan stage";
        }

        var verdict = details.Verdict!;
        var counts = Counts(verdict);
        var first = verdict.Findings.OrderByDescending(f => f.Severity).FirstOrDefault(f => f.Severity != FindingSeverity.Info && f.Waiver is null);
        return first is null
            ? counts
            : $"{counts} — first: {TextLimits.Truncate(MarkdownText.OneLine(first.Description), MaxFirstFinding)}";
    }

    /// <summary>"2 errors, 1 warning, 1 waived" (or "No findings"), counting what the page keeps and saying how many more there were.</summary>
    public static string Counts(VerdictDetails verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var parts = new List<string>();
        var open = verdict.Findings.Where(f => f.Waiver is null).ToList();
        Count(parts, open.Count(f => f.Severity == FindingSeverity.Error), "error", "errors");
        Count(parts, open.Count(f => f.Severity == FindingSeverity.Warning), "warning", "warnings");
        Count(parts, open.Count(f => f.Severity == FindingSeverity.Info), "info", "infos");
        Count(parts, verdict.Findings.Count - open.Count, "waived", "waived");
        if (verdict.OmittedFindings > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{verdict.OmittedFindings} more not kept"));
        }

        return parts.Count == 0 ? "No findings" : string.Join(", ", parts);
    }

    private static void Count(List<string> parts, int count, string one, string many)
    {
        if (count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}"));
        }
    }
}
