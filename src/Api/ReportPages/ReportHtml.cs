using System.Globalization;
using System.Text;
using RunTasks.Api.Details;

namespace RunTasks.Api.ReportPages;

/// <summary>
/// The report pages' shell and encoding, in the details page's house style: server-side HTML, every recorded value
/// encoded with invisible controls shown and isolated in <c>&lt;bdi&gt;</c>, nothing loaded from elsewhere.
/// </summary>
internal static class ReportHtml
{
    /// <summary>The only policy the pages need: inline styles and inline SVG, forms that submit to the pages themselves.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string Css = """
        main { max-width: 76rem; }
        table { width: 100%; border-collapse: collapse; font-size: .9rem; }
        th, td { text-align: left; padding: .3rem .5rem; border-top: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
        th { color: var(--muted); font-weight: 600; border-top: 0; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        nav.top { display: flex; gap: 1rem; align-items: baseline; margin: .25rem 0 1rem; flex-wrap: wrap; }
        nav.top b { font-size: 1.1rem; }
        form.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .5rem; align-items: end; }
        form.filters label { display: grid; font-size: .8rem; color: var(--muted); }
        form.filters input, form.filters select { font: inherit; padding: .2rem .3rem; border: 1px solid var(--line); border-radius: .25rem; }
        .verdict-failed { color: var(--red); font-weight: 600; }
        .verdict-passed { color: var(--green); font-weight: 600; }
        .verdict-errored { color: var(--amber); font-weight: 600; }
        svg.chart { width: 100%; height: auto; display: block; }
        .legend span { margin-right: 1rem; }
        .sw { display: inline-block; width: .8rem; height: .8rem; border-radius: .15rem; vertical-align: -.1rem; margin-right: .3rem; }
        .pager { display: flex; justify-content: space-between; margin-top: .5rem; }
        """;

    public static StringBuilder Begin(string title, string heading)
    {
        var html = new StringBuilder(32 * 1024);
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
            .Append("<title>").Append(E(title)).Append(" · RunTasks reports</title>")
            .Append("<style>").Append(DetailsStyles.Css).Append(Css).Append("</style></head><body><main>\n")
            .Append("<nav class=\"top\"><b>RunTasks reports</b><a href=\"").Append(ReportsAccess.BasePath).Append("\">Summary</a>")
            .Append("<a href=\"").Append(ReportsAccess.BasePath).Append("/runs\">Runs</a>")
            .Append("<a href=\"").Append(ReportsAccess.BasePath).Append("/findings\">Findings</a></nav>\n")
            .Append("<h1>").Append(Isolated(heading)).Append("</h1>\n");
        return html;
    }

    public static string End(StringBuilder html, DateTimeOffset now) =>
        html.Append("<footer>Generated ").Append(E(Time(now))).Append(" by RunTasks</footer>\n</main></body></html>\n").ToString();

    public static string E(string? text) => HtmlText.Encode(text);

    public static string Isolated(string? text) => HtmlText.Isolated(text);

    /// <summary>A link whose href is built by the pages (encoded) around recorded text (isolated).</summary>
    public static string Link(string href, string? text) => $"<a href=\"{E(href)}\">{Isolated(text)}</a>";

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
