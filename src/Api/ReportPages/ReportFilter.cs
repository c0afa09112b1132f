using System.Text;
using RunTasks.Api.Reports;
using RunTasks.Grains.History;

namespace RunTasks.Api.ReportPages;

/// <summary>The filters of the Runs and Findings pages: read from the query string, written back as a form and as links.</summary>
internal static class ReportFilter
{
    private static readonly string[] Keys = ["organization", "project", "workspace", "stage", "verdict", "rule", "address", "vcs_repo", "vcs_branch", "from", "to"];

    /// <summary>The filter and the page the query asks for, read as the history API reads them; null, and why, when a value is wrong.</summary>
    public static (HistoryFilter Filter, PageRequest Page)? Read(IQueryCollection query, out string? problem) =>
        ReportQuery.TryParse(query, out var filter, out problem) && ReportQuery.TryPage(query, out var page, out problem) ? (filter, page) : null;

    public static void AppendForm(StringBuilder html, string action, IQueryCollection query, bool findings)
    {
        html.Append("<section><form class=\"filters\" method=\"get\" action=\"").Append(ReportHtml.E(action)).Append("\">");
        foreach (var key in Keys)
        {
            var value = query[key].ToString();
            if (key == "verdict")
            {
                html.Append("<label>verdict<select name=\"verdict\"><option value=\"\">any</option>");
                foreach (var option in new[] { "passed", "failed", "errored" })
                {
                    html.Append("<option").Append(option == value ? " selected" : "").Append('>').Append(option).Append("</option>");
                }
                html.Append("</select></label>");
                continue;
            }

            var type = key is "from" or "to" ? "date" : "text";
            var hint = key switch { "workspace" or "address" => "glob, e.g. prod-*", "stage" => "post_plan", _ => "" };
            html.Append("<label>").Append(key).Append("<input type=\"").Append(type).Append("\" name=\"").Append(key)
                .Append("\" value=\"").Append(ReportHtml.E(value)).Append("\" placeholder=\"").Append(hint).Append("\"></label>");
        }

        if (findings)
        {
            html.Append("<label>only new<select name=\"new\"><option value=\"\">no</option><option value=\"true\"")
                .Append(query["new"] == "true" ? " selected" : "").Append(">yes</option></select></label>");
        }
        html.Append("<button type=\"submit\">Filter</button></form></section>\n");
    }

    /// <summary>The same filters with another cursor: the next page's link.</summary>
    public static string WithCursor(string path, IQueryCollection query, string cursor)
    {
        var pairs = query.Where(p => p.Key != "cursor" && p.Value.ToString().Length > 0)
            .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString()))
            .Append(new KeyValuePair<string, string?>("cursor", cursor));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, pairs);
    }
}
