using System.Globalization;
using System.Text;

namespace RunTasks.Api.ReportPages;

/// <summary>Runs per day as stacked bars (passed, failed, errored) in inline SVG: no script, no external asset.</summary>
internal static class DailyChart
{
    public sealed record Day(DateOnly Date, long Passed, long Failed, long Errored)
    {
        public long Total => Passed + Failed + Errored;
    }

    private const int Width = 900;
    private const int Height = 220;
    private const int Left = 44;
    private const int Bottom = 24;
    private const int Top = 8;

    public static void Append(StringBuilder html, IReadOnlyList<Day> days)
    {
        if (days.Count == 0)
        {
            html.Append("<p class=\"muted\">No runs in this period.</p>");
            return;
        }

        var max = Math.Max(1, days.Max(d => d.Total));
        var plot = Height - Bottom - Top;
        var step = (double)(Width - Left) / days.Count;
        var bar = Math.Max(1, step * 0.8);
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"Runs per day\">");
        html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width}\" y2=\"{Height - Bottom}\" stroke=\"#d9dce1\"/>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + 10}\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b616b\">{max}</text>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Height - Bottom}\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b616b\">0</text>");
        for (var i = 0; i < days.Count; i++)
        {
            var d = days[i];
            var x = Left + i * step + (step - bar) / 2;
            var y = (double)(Height - Bottom);
            html.Append("<g><title>").Append(ReportHtml.E($"{d.Date:yyyy-MM-dd}: {d.Passed} passed, {d.Failed} failed, {d.Errored} errored")).Append("</title>");
            foreach (var (count, colour) in new[] { (d.Passed, "#067647"), (d.Failed, "#b42318"), (d.Errored, "#93370d") })
            {
                if (count == 0)
                {
                    continue;
                }

                var h = (double)count / max * plot;
                y -= h;
                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{bar:0.#}\" height=\"{h:0.#}\" fill=\"{colour}\"/>");
            }
            html.Append("</g>");
            if (days.Count <= 16 || i % (days.Count / 8) == 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + bar / 2:0.#}\" y=\"{Height - 6}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b616b\">{d.Date:MM-dd}</text>");
            }
        }
        html.Append("</svg><p class=\"legend muted\"><span><i class=\"sw\" style=\"background:#067647\"></i>passed</span>")
            .Append("<span><i class=\"sw\" style=\"background:#b42318\"></i>failed</span>")
            .Append("<span><i class=\"sw\" style=\"background:#93370d\"></i>errored</span></p>");
    }
}
