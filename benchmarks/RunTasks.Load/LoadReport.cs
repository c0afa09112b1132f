using System.Globalization;

namespace RunTasks.Load;

/// <summary>The figures of one run, printed as a table that docs/performance.md quotes.</summary>
public static class LoadReport
{
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms >= 10_000
        ? (ms / 1000).ToString("F1", CultureInfo.InvariantCulture) + " s"
        : ms.ToString(ms < 10 ? "F1" : "F0", CultureInfo.InvariantCulture) + " ms";

    public static void Line(string name, string value) => Console.WriteLine($"  {name,-34} {value}");

    public static void Distribution(string name, IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        Line(name, $"p50 {Ms(Percentile(sorted, 50))}  p99 {Ms(Percentile(sorted, 99))}  max {Ms(sorted.Count == 0 ? double.NaN : sorted[^1])}  (n={sorted.Count})");
    }
}
