using System.Text;
using RunTasks.Grains.History;

namespace RunTasks.Api.ReportPages;

/// <summary>One recorded run: who ran what, how it ended, its findings and what it fixed; links to the live details page while it is kept.</summary>
internal static class RunPage
{
    public static string Render(RunDetail detail, string? detailsUrl, DateTimeOffset now)
    {
        var run = detail.Run;
        var verdict = RunsPage.VerdictText(run.Verdict);
        var html = ReportHtml.Begin($"{verdict} · {run.Workspace}", $"{run.Workspace ?? run.TaskResultId}: {verdict}");
        html.Append("<section><dl>");
        Row(html, "Organisation", ReportHtml.Isolated(run.Organization ?? "—"));
        if (run.Project is { } project)
        {
            Row(html, "Project", ReportHtml.Isolated(project));
        }
        Row(html, "Workspace", ReportHtml.Link(ReportLinks.Workspace(run.Organization, run.Workspace), run.Workspace ?? "—"));
        Row(html, "Run", ReportHtml.Isolated(run.RunId ?? "—") + (run.IsSpeculative ? " <span class=\"muted\">(speculative plan)</span>" : ""));
        Row(html, "Stage", ReportHtml.E(run.Stage) + (run.EnforcementLevel is { } level ? " · " + ReportHtml.Isolated(level) : ""));
        Row(html, "Verdict", $"<span class=\"verdict-{verdict}\">{verdict}</span> · {ReportHtml.Isolated(run.Message ?? "")}");
        Row(html, "Delivered", ReportHtml.E(run.Delivery.ToString()) + (run.Watchdog is { } w ? $" (watchdog: {ReportHtml.E(w)})" : ""));
        Row(html, "Received", $"<time>{ReportHtml.E(ReportHtml.Time(run.ReceivedAt))}</time>");
        Row(html, "Finished", $"<time>{ReportHtml.E(ReportHtml.Time(run.FinishedAt))}</time>");
        if (run.VcsRepoUrl is not null || run.VcsBranch is not null)
        {
            Row(html, "Source", ReportHtml.Isolated($"{run.VcsRepoUrl} {run.VcsBranch} {run.VcsCommitHash}".Trim()));
        }
        if (run.RunCreatedBy is { } by)
        {
            Row(html, "Started by", ReportHtml.Isolated(by));
        }
        Row(html, "Plan", ReportHtml.E($"{run.PlanCreate} to create, {run.PlanUpdate} to update, {run.PlanReplace} to replace, {run.PlanDestroy} to destroy"));
        Row(html, "Policy sets", ReportHtml.Isolated(run.PolicySets.Count == 0 ? "none" : string.Join(", ", run.PolicySets)));
        if (detailsUrl is not null)
        {
            Row(html, "Details", $"<a href=\"{ReportHtml.E(detailsUrl)}\">the task result's page</a>");
        }
        html.Append("</dl></section>\n");

        html.Append("<section><h2>Findings</h2>");
        FindingsTable.Append(html, detail.Findings, showRun: false);
        if (run.OmittedFindings > 0)
        {
            html.Append("<p class=\"muted\">and ").Append(ReportHtml.Number(run.OmittedFindings)).Append(" more not recorded.</p>");
        }
        html.Append("</section>\n");
        if (detail.Fixed.Count > 0)
        {
            html.Append("<section><h2>Fixed since the previous run</h2><table><thead><tr><th>Rule</th><th>Resource</th><th>Finding</th></tr></thead><tbody>");
            foreach (var f in detail.Fixed)
            {
                html.Append("<tr><td>").Append(ReportHtml.Isolated(f.RuleId)).Append("</td><td><code>").Append(ReportHtml.Isolated(f.Address))
                    .Append("</code></td><td>").Append(ReportHtml.Isolated(f.Title)).Append("</td></tr>");
            }
            html.Append("</tbody></table></section>\n");
        }
        return ReportHtml.End(html, now);
    }

    private static void Row(StringBuilder html, string term, string definitionHtml) =>
        html.Append("<dt>").Append(term).Append("</dt><dd>").Append(definitionHtml).Append("</dd>");
}
