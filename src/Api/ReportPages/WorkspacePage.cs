using RunTasks.Grains.History;

namespace RunTasks.Api.ReportPages;

/// <summary>One workspace: its runs over time, its open findings (those of its latest run of each stage) with first-seen dates, and its latest runs.</summary>
internal static class WorkspacePage
{
    public static string Render(WorkspaceHistory workspace, int days, DateTimeOffset now)
    {
        var html = ReportHtml.Begin(workspace.Workspace, $"{workspace.Organization} / {workspace.Workspace}");
        html.Append("<p class=\"muted\">The last ").Append(days).Append(" days").Append(workspace.WorkspaceId is { } id ? " · " + ReportHtml.Isolated(id) : "").Append("</p>\n");
        html.Append("<section><h2>Runs per day</h2>");
        DailyChart.Append(html, [.. workspace.Days.Select(d => new DailyChart.Day(d.Day, d.Passed, d.Failed, d.Errored))]);
        html.Append("</section>\n<section><h2>Open findings</h2><p class=\"muted\">Those of the latest run of each stage.</p>");
        FindingsTable.Append(html, workspace.OpenFindings, showRun: false);
        html.Append("</section>\n<section><h2>Latest runs</h2>");
        RunsPage.AppendTable(html, workspace.Runs, showWorkspace: false);
        html.Append("</section>\n");
        return ReportHtml.End(html, now);
    }
}
