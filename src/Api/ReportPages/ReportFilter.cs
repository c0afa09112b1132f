using System.Globalization;
using System.Text;
using RunTasks.Grains.History;

namespace RunTasks.Api.ReportPages;

/// <summary>The filters of the Runs and Findings pages: read from the query string, written back as a form and as links.</summary>
internal static class ReportFilter
{
    private static readonly string[] Keys = ["organization", "project", "workspace", "stage", "verdict", "rule", "address", "repo", "branch", "from", "to"];

    /// <summary>The filter the query asks for; a date that does not parse is ignored and said in <paramref name="problem"/>.</summary>
    public static HistoryFilter Read(IQueryCollection query, out string? problem)
    {
        problem = null;
        string? Text(string key) => query[key].ToString() is { Length: > 0 } value ? value.Trim() : null;
        var verdict = Enum.TryParse<HistoryVerdict>(Text("verdict"), ignoreCase: true, out var v) && Enum.IsDefined(v) ? v : (HistoryVerdict?)null;
        var from = Date(Text("from"), ref problem, "from");
        var to = Date(Text("to"), ref problem, "to", endOfDay: true);
        return new HistoryFilter
        {
            Organization = Text("organization"),
            Project = Text("project"),
            Workspace = Text("workspace"),
            Stage = Text("stage"),
            Verdict = verdict,
            Rule = Text("rule"),
            Address = Text("address"),
            VcsRepo = Text("repo"),
            VcsBranch = Text("branch"),
            From = from,
            To = to,
            NewOnly = query["new"] == "true",
        };
    }

    /// <summary>A date (the whole day, UTC) or an RFC 3339 time.</summary>
    public static DateTimeOffset? Date(string? text, ref string? problem, string key, bool endOfDay = false)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1) : start;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        problem = $"'{key}' is not a date (yyyy-mm-dd) or an RFC 3339 time; it was ignored.";
        return null;
    }

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
