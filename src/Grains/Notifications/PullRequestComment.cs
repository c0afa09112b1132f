using System.Globalization;
using System.Text;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Notifications;

/// <summary>
/// The pull request comment: verdict, counts, a table of error and warning findings (waived ones marked), what changed
/// since the previous run when that is known, the plan's counts and the details link, within <see cref="MaxLength"/>.
/// Only the engine's masked titles, rule ids and addresses appear; never a plan value or a token.
/// </summary>
public static class PullRequestComment
{
    /// <summary>Well under GitHub's 65,536 characters, leaving room for the forge's own additions.</summary>
    public const int MaxLength = 60_000;

    /// <param name="previous">The findings of the workspace's previous run, or null when no history is kept (nothing is said then).</param>
    /// <param name="maxLength">The cap (tests use a small one).</param>
    public static string Render(NotificationSubject subject, IReadOnlyCollection<FindingKey>? previous = null, int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var verdict = subject.Verdict;
        var findings = subject.Findings;
        var shown = findings.Where(f => f.Severity != FindingSeverity.Info).OrderByDescending(f => f.Waiver is null)
            .ThenByDescending(f => f.Severity).ToList();
        var errors = findings.Count(f => f is { Severity: FindingSeverity.Error, Waiver: null });
        var warnings = findings.Count(f => f is { Severity: FindingSeverity.Warning, Waiver: null });
        var waived = findings.Count(f => f.Waiver is not null);

        var head = new StringBuilder();
        head.Append(CommentMarker.Write(subject)).Append('\n');
        var icon = verdict.Status == VerdictStatus.Passed ? "✅" : "❌";
        head.Append(CultureInfo.InvariantCulture, $"### {icon} RunTasks {verdict.Status.ToString().ToLowerInvariant()}: {MarkdownCell.Escape(subject.WorkspacePath, 120)} ({MarkdownCell.Escape(subject.Stage, 20)})\n\n");
        head.Append(CultureInfo.InvariantCulture, $"**{Count(errors, "error")}, {Count(warnings, "warning")}**");
        if (waived > 0)
        {
            head.Append(CultureInfo.InvariantCulture, $", {waived} waived");
        }

        if (subject.RunId is { Length: > 0 } run)
        {
            head.Append(" · run ").Append(Link(MarkdownCell.Escape(run, 60), subject.RunUrl));
        }

        if (subject.CommitHash is { Length: >= 7 } commit)
        {
            head.Append(" · commit ").Append(MarkdownCell.Escape(commit[..Math.Min(12, commit.Length)], 12));
        }

        head.Append("\n\n");
        if (verdict.Details is not { NotChecked: false })
        {
            head.Append(MarkdownCell.Escape(verdict.Message, 500)).Append("\n\n");
        }

        if (previous is not null)
        {
            head.Append(Changes(findings, previous));
        }

        var foot = new StringBuilder();
        if (verdict.Details is { NotChecked: false, Plan: var plan })
        {
            foot.Append(CultureInfo.InvariantCulture,
                $"Plan: {plan.Create} to create, {plan.Update} to update, {plan.Replace} to replace, {plan.Delete} to destroy.\n\n");
        }

        if (subject.DetailsUrl is { } details)
        {
            foot.Append(CultureInfo.InvariantCulture, $"[All findings and details]({details})\n\n");
        }

        foot.Append("<sub>Kept up to date by RunTasks: this comment is edited on every run of this workspace and stage.</sub>\n");

        var table = new StringBuilder();
        var rows = 0;
        if (shown.Count > 0)
        {
            table.Append("| Severity | Rule | Resource | Finding |\n|---|---|---|---|\n");
        }

        // What the cap leaves out is counted, never cut mid-row; 100 characters are kept for the "and N more" line.
        var budget = maxLength - head.Length - foot.Length - 100;
        foreach (var f in shown)
        {
            var row = Row(f);
            if (table.Length + row.Length > budget)
            {
                break;
            }

            table.Append(row);
            rows++;
        }

        var more = shown.Count - rows + (verdict.Details?.OmittedFindings ?? 0);
        if (rows == 0)
        {
            table.Clear();
        }

        var body = new StringBuilder(head.Length + table.Length + foot.Length + 100).Append(head).Append(table);
        if (rows > 0)
        {
            body.Append('\n');
        }

        if (more > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"_and {more} more — see details_\n\n");
        }

        return body.Append(foot).ToString();
    }

    private static string Row(FindingDetail f)
    {
        var severity = f.Waiver is not null ? "waived" : f.Severity == FindingSeverity.Error ? "❌ error" : "⚠️ warning";
        return $"| {severity} | {MarkdownCell.Escape(f.RuleId, 80)} | {MarkdownCell.Escape(f.Address, 160)} | {MarkdownCell.Escape(f.Description, 200)} |\n";
    }

    private static string Changes(IReadOnlyList<FindingDetail> findings, IReadOnlyCollection<FindingKey> previous)
    {
        var now = findings.Where(f => f.Waiver is null && f.Severity != FindingSeverity.Info).Select(FindingKey.Of).ToHashSet();
        var before = previous.ToHashSet();
        var added = now.Where(k => !before.Contains(k)).ToList();
        var fixedOnes = before.Where(k => !now.Contains(k)).ToList();
        if (added.Count == 0 && fixedOnes.Count == 0)
        {
            return "Since the previous run: no change in findings.\n\n";
        }

        static string List(IEnumerable<FindingKey> keys) =>
            string.Join(", ", keys.Take(10).Select(k => $"{MarkdownCell.Escape(k.RuleId, 80)} on {MarkdownCell.Escape(k.Address, 120)}"));
        var b = new StringBuilder("Since the previous run: ");
        b.Append(CultureInfo.InvariantCulture, $"{added.Count} new, {fixedOnes.Count} fixed.");
        if (added.Count > 0)
        {
            b.Append(" New: ").Append(List(added)).Append(added.Count > 10 ? " …" : "").Append('.');
        }

        if (fixedOnes.Count > 0)
        {
            b.Append(" Fixed: ").Append(List(fixedOnes)).Append(fixedOnes.Count > 10 ? " …" : "").Append('.');
        }

        return b.Append("\n\n").ToString();
    }

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";

    private static string Link(string text, string? url) =>
        url is { } u && Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"[{text}]({uri.AbsoluteUri.Replace(")", "%29", StringComparison.Ordinal)})"
            : text;
}
