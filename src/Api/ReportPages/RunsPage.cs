using System.Text;
using RunTasks.Grains.History;

namespace RunTasks.Api.ReportPages;

/// <summary>The Runs page: recorded task results, filtered and paged, newest first; each row links to the run.</summary>
internal static class RunsPage
{
    public static string Render(HistoryPage<RunRecord> page, IQueryCollection query, string? problem, DateTimeOffset now)
    {
        var html = ReportHtml.Begin("Runs", "Runs");
        ReportFilter.AppendForm(html, ReportsAccess.BasePath + "/runs", query, findings: false);
        if (problem is not null)
        {
            html.Append("<p class=\"reason\">").Append(ReportHtml.E(problem)).Append("</p>");
        }

        html.Append("<section>");
        AppendTable(html, page.Items, showWorkspace: true);
        if (page.NextCursor is { } cursor)
        {
            html.Append("<p class=\"pager\"><span></span><a rel=\"next\" href=\"")
                .Append(ReportHtml.E(ReportFilter.WithCursor(ReportsAccess.BasePath + "/runs", query, cursor))).Append("\">Older runs →</a></p>");
        }
        html.Append("</section>\n");
        return ReportHtml.End(html, now);
    }

    public static void AppendTable(StringBuilder html, IReadOnlyList<RunRecord> runs, bool showWorkspace)
    {
        if (runs.Count == 0)
        {
            html.Append("<p class=\"muted\">No runs match.</p>");
            return;
        }

        html.Append("<table><thead><tr><th>Finished</th><th>Verdict</th>");
        if (showWorkspace)
        {
            html.Append("<th>Workspace</th>");
        }
        html.Append("<th>Stage</th><th class=\"n\">Errors</th><th class=\"n\">Warnings</th><th class=\"n\">Waived</th>")
            .Append("<th class=\"n\">New</th><th class=\"n\">Fixed</th><th>Branch</th></tr></thead><tbody>");
        foreach (var run in runs)
        {
            html.Append("<tr><td><a href=\"").Append(ReportHtml.E(ReportLinks.Run(run.TaskResultId))).Append("\"><time>")
                .Append(ReportHtml.E(ReportHtml.Time(run.FinishedAt))).Append("</time></a></td>")
                .Append("<td class=\"verdict-").Append(VerdictText(run.Verdict)).Append("\">").Append(VerdictText(run.Verdict)).Append("</td>");
            if (showWorkspace)
            {
                html.Append("<td>").Append(ReportHtml.Link(ReportLinks.Workspace(run.Organization, run.Workspace), $"{run.Organization} / {run.Workspace}")).Append("</td>");
            }
            html.Append("<td>").Append(ReportHtml.E(run.Stage)).Append("</td>")
                .Append("<td class=\"n\">").Append(run.Errors).Append("</td><td class=\"n\">").Append(run.Warnings).Append("</td>")
                .Append("<td class=\"n\">").Append(run.Waived).Append("</td><td class=\"n\">").Append(run.NewFindings).Append("</td>")
                .Append("<td class=\"n\">").Append(run.FixedFindings).Append("</td><td>").Append(ReportHtml.Isolated(run.VcsBranch ?? "")).Append("</td></tr>");
        }
        html.Append("</tbody></table>");
    }

    public static string VerdictText(HistoryVerdict verdict) => verdict switch
    {
        HistoryVerdict.Passed => "passed",
        HistoryVerdict.Failed => "failed",
        _ => "errored",
    };
}
