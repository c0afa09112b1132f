using RunTasks.Grains.History;

namespace RunTasks.Api.ReportPages;

/// <summary>The Findings page: findings of the matching runs, newest run first, optionally only the new ones.</summary>
internal static class FindingsPage
{
    public static string Render(HistoryPage<FindingRecord> page, IQueryCollection query, string? problem, DateTimeOffset now)
    {
        var html = ReportHtml.Begin("Findings", "Findings");
        ReportFilter.AppendForm(html, ReportsAccess.BasePath + "/findings", query, findings: true);
        if (problem is not null)
        {
            html.Append("<p class=\"reason\">").Append(ReportHtml.E(problem)).Append("</p>");
        }

        html.Append("<section>");
        FindingsTable.Append(html, page.Items, showRun: true);
        if (page.NextCursor is { } cursor)
        {
            html.Append("<p class=\"pager\"><span></span><a rel=\"next\" href=\"")
                .Append(ReportHtml.E(ReportFilter.WithCursor(ReportsAccess.BasePath + "/findings", query, cursor))).Append("\">More findings →</a></p>");
        }
        html.Append("</section>\n");
        return ReportHtml.End(html, now);
    }
}
