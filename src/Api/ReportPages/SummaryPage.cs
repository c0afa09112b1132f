using System.Text;
using RunTasks.Analysis;
using RunTasks.Analysis.Policies;
using RunTasks.Grains.History;

namespace RunTasks.Api.ReportPages;

/// <summary>
/// The Summary page for a period: runs per day by verdict, the rules and workspaces that failed most, findings new and
/// fixed, waived findings by rule, and the waivers that expire soon (when this process loads the policies).
/// </summary>
internal static class SummaryPage
{
    public static readonly int[] Periods = [7, 30, 90, 365];

    /// <param name="expiring">Waivers expiring within the warning window, soonest first; null when this process does not load policies (a cluster's Api).</param>
    public static string Render(HistorySummary summary, int days, IReadOnlyList<Waiver>? expiring, DateTimeOffset now)
    {
        var html = ReportHtml.Begin("Summary", $"The last {days} days");
        html.Append("<p class=\"muted\">").Append(ReportHtml.E($"{ReportHtml.Time(summary.From)} to {ReportHtml.Time(summary.To)}")).Append(" · period:");
        foreach (var period in Periods)
        {
            html.Append(' ').Append(period == days ? $"<b>{period} days</b>" : $"<a href=\"{ReportsAccess.BasePath}?days={period}\">{period} days</a>");
        }
        html.Append("</p>\n<section><h2>Runs</h2><ul class=\"counts\">");
        Count(html, summary.Days.Sum(d => (long)d.Runs), "runs");
        Count(html, summary.Days.Sum(d => (long)d.Passed), "passed");
        Count(html, summary.Days.Sum(d => (long)d.Failed), "failed");
        Count(html, summary.Days.Sum(d => (long)d.Errored), "errored");
        Count(html, summary.NewFindings, "new findings");
        Count(html, summary.FixedFindings, "fixed findings");
        html.Append("</ul>");
        DailyChart.Append(html, [.. summary.Days.Select(d => new DailyChart.Day(d.Day, d.Passed, d.Failed, d.Errored))]);
        html.Append("<p><a href=\"").Append(ReportsAccess.BasePath).Append("/runs?verdict=failed\">Every failed run</a></p></section>\n");

        html.Append("<section><h2>Rules that failed most</h2>");
        RuleTable(html, summary.TopFailingRules, "Failed runs", link: true);
        html.Append("</section>\n<section><h2>Workspaces that failed most</h2>");
        if (summary.TopFailingWorkspaces.Count == 0)
        {
            html.Append("<p class=\"muted\">No failed runs.</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th>Workspace</th><th class=\"n\">Failed</th><th class=\"n\">Runs</th></tr></thead><tbody>");
            foreach (var w in summary.TopFailingWorkspaces)
            {
                html.Append("<tr><td>").Append(ReportHtml.Link(ReportLinks.Workspace(w.Organization, w.Workspace), $"{w.Organization} / {w.Workspace}"))
                    .Append("</td><td class=\"n\">").Append(w.Failed).Append("</td><td class=\"n\">").Append(w.Runs).Append("</td></tr>");
            }
            html.Append("</tbody></table>");
        }

        html.Append("</section>\n<section><h2>New findings</h2><p class=\"muted\">Not in the same workspace's previous run of that stage. ")
            .Append("<a href=\"").Append(ReportsAccess.BasePath).Append("/findings?new=true\">All new findings</a></p>");
        FindingsTable.Append(html, summary.LatestNew, showRun: true);
        html.Append("</section>\n<section><h2>Fixed findings</h2><p class=\"muted\">In a workspace's previous run, gone from the next.</p>");
        AppendFixed(html, summary.LatestFixed);
        html.Append("</section>\n<section><h2>Waived findings by rule</h2>");
        RuleTable(html, summary.WaivedByRule, "Runs", link: false);
        AppendExpiring(html, expiring);
        html.Append("</section>\n");
        return ReportHtml.End(html, now);
    }

    private static void AppendFixed(StringBuilder html, IReadOnlyList<FixedFinding> fixedFindings)
    {
        if (fixedFindings.Count == 0)
        {
            html.Append("<p class=\"muted\">None in this period.</p>");
            return;
        }

        html.Append("<table><thead><tr><th>Fixed</th><th>Workspace</th><th>Rule</th><th>Resource</th><th>Finding</th></tr></thead><tbody>");
        foreach (var f in fixedFindings)
        {
            html.Append("<tr><td><a href=\"").Append(ReportHtml.E(ReportLinks.Run(f.FixedIn))).Append("\"><time>").Append(ReportHtml.E(ReportHtml.Time(f.FixedAt)))
                .Append("</time></a></td><td>").Append(ReportHtml.Link(ReportLinks.Workspace(f.Organization, f.Workspace), $"{f.Organization} / {f.Workspace}"))
                .Append("</td><td>").Append(ReportHtml.Isolated(f.RuleId)).Append("</td><td><code>").Append(ReportHtml.Isolated(f.Address))
                .Append("</code></td><td>").Append(ReportHtml.Isolated(f.Title)).Append("</td></tr>");
        }
        html.Append("</tbody></table>");
    }

    private static void AppendExpiring(StringBuilder html, IReadOnlyList<Waiver>? expiring)
    {
        html.Append("<h3>Waivers expiring soon</h3>");
        if (expiring is null)
        {
            html.Append("<p class=\"muted\">The silos load the waivers; list them with <code>runtasks waivers</code>.</p>");
            return;
        }

        if (expiring.Count == 0)
        {
            html.Append("<p class=\"muted\">None.</p>");
            return;
        }

        html.Append("<table><thead><tr><th>Waiver</th><th>Rule</th><th>Owner</th><th>Expires</th></tr></thead><tbody>");
        foreach (var w in expiring)
        {
            html.Append("<tr><td>").Append(ReportHtml.Isolated(w.Id)).Append("</td><td>").Append(ReportHtml.Isolated(w.Rule))
                .Append("</td><td>").Append(ReportHtml.Isolated(w.Owner)).Append("</td><td>").Append(ReportHtml.E(w.ExpiresText)).Append("</td></tr>");
        }
        html.Append("</tbody></table>");
    }

    private static void RuleTable(StringBuilder html, IReadOnlyList<RuleCount> rules, string runsLabel, bool link)
    {
        if (rules.Count == 0)
        {
            html.Append("<p class=\"muted\">None in this period.</p>");
            return;
        }

        html.Append("<table><thead><tr><th>Rule</th><th class=\"n\">").Append(runsLabel).Append("</th><th class=\"n\">Findings</th></tr></thead><tbody>");
        foreach (var r in rules)
        {
            html.Append("<tr><td>").Append(link ? ReportHtml.Link(ReportLinks.RunsWithRule(r.RuleId), r.RuleId) : ReportHtml.Isolated(r.RuleId))
                .Append("</td><td class=\"n\">").Append(r.Runs).Append("</td><td class=\"n\">").Append(r.Findings).Append("</td></tr>");
        }
        html.Append("</tbody></table>");
    }

    private static void Count(StringBuilder html, long count, string what) =>
        html.Append("<li><b>").Append(ReportHtml.Number(count)).Append("</b>").Append(what).Append("</li>");
}
