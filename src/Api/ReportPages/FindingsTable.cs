using System.Text;
using RunTasks.Grains.History;

namespace RunTasks.Api.ReportPages;

/// <summary>Findings as a table: rule (linking to the runs that failed on it), severity, resource, title, waiver, first seen.</summary>
internal static class FindingsTable
{
    public static void Append(StringBuilder html, IReadOnlyList<FindingRecord> findings, bool showRun)
    {
        if (findings.Count == 0)
        {
            html.Append("<p class=\"muted\">No findings.</p>");
            return;
        }

        html.Append("<table><thead><tr>");
        if (showRun)
        {
            html.Append("<th>Run</th><th>Workspace</th>");
        }
        html.Append("<th>Severity</th><th>Rule</th><th>Resource</th><th>Finding</th><th>First seen</th></tr></thead><tbody>");
        foreach (var f in findings)
        {
            html.Append("<tr>");
            if (showRun)
            {
                html.Append("<td><a href=\"").Append(ReportHtml.E(ReportLinks.Run(f.TaskResultId))).Append("\"><time>")
                    .Append(ReportHtml.E(ReportHtml.Time(f.FinishedAt))).Append("</time></a></td><td>")
                    .Append(ReportHtml.Link(ReportLinks.Workspace(f.Organization, f.Workspace), $"{f.Organization} / {f.Workspace}")).Append("</td>");
            }

            var severity = f.Severity.ToString().ToLowerInvariant();
            html.Append("<td><span class=\"badge ").Append(severity).Append("\">").Append(severity).Append("</span>")
                .Append(f.IsNew ? " <span class=\"badge info\">new</span>" : "")
                .Append("</td><td>").Append(ReportHtml.Link(ReportLinks.RunsWithRule(f.RuleId), f.RuleId)).Append("</td>")
                .Append("<td><code>").Append(ReportHtml.Isolated(f.Address)).Append("</code></td><td>").Append(ReportHtml.Isolated(f.Title));
            if (f.WaiverId is { } waiver)
            {
                html.Append(" <span class=\"muted\">waived by <bdi>").Append(ReportHtml.E(waiver)).Append("</bdi></span>");
            }
            html.Append("</td><td><time>").Append(ReportHtml.E(ReportHtml.Day(f.FirstSeenAt))).Append("</time></td></tr>");
        }
        html.Append("</tbody></table>");
    }
}
