using System.Text;
using RunTasks.Analysis.Plans;

namespace RunTasks.Analysis.Rules;

/// <summary>Builds the one-line description and the markdown body of findings, within the outcome size limits.</summary>
internal static class FindingText
{
    /// <summary>Said in place of a value the plan marks sensitive.</summary>
    public const string SensitiveNote = "(value is sensitive)";

    /// <summary><paramref name="text"/> (which quotes the value), or <paramref name="hidden"/> with a note when the plan marks the value sensitive.</summary>
    public static string Shown(PlanValue value, string text, string hidden) => value.AnySensitive() ? $"{hidden} {SensitiveNote}" : text;

    public static string Line(string text)
    {
        return TextLimits.Truncate(text.ReplaceLineEndings(" "), TextLimits.MaxDescription);
    }

    public static string Body(string title, ResourceChange? change, PlanValue? attribute, string why, string fix, string? extra = null)
    {
        var builder = new StringBuilder();
        builder.Append("### ").Append(Escape(title)).Append("\n\n");
        if (change is not null)
        {
            builder.Append("- **Resource:** `").Append(Code(change.Address)).Append("`\n");
            builder.Append("- **Planned action:** ").Append(change.Actions).Append('\n');
            if (attribute is { } value)
            {
                var before = change.Before;
                foreach (var step in SplitPath(value.Path))
                {
                    before = step is int i ? before[i] : before[(string)step];
                }

                builder.Append("- **Attribute:** `").Append(Code(value.Path.Length == 0 ? "(whole resource)" : value.Path)).Append("`\n");
                builder.Append("- **Before → after:** `").Append(Code(ValueRenderer.Render(before))).Append("` → `")
                    .Append(Code(ValueRenderer.Render(value))).Append("`\n");
            }
        }

        if (extra is not null)
        {
            builder.Append('\n').Append(extra).Append('\n');
        }

        builder.Append("\n**Why it matters:** ").Append(why).Append("\n\n**How to fix:** ").Append(fix).Append('\n');
        if (builder.Length > TextLimits.MaxBody)
        {
            builder.Length = TextLimits.MaxBody - 20;
            builder.Append("\n\n…(truncated)");
        }

        return builder.ToString();
    }

    private static List<object> SplitPath(string path)
    {
        var steps = new List<object>();
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            steps.Add(bracket < 0 ? part : part[..bracket]);
            while (bracket >= 0)
            {
                var close = part.IndexOf(']', bracket);
                if (close < 0 || !int.TryParse(part.AsSpan(bracket + 1, close - bracket - 1), System.Globalization.CultureInfo.InvariantCulture, out var index))
                {
                    break;
                }

                steps.Add(index);
                bracket = part.IndexOf('[', close);
            }
        }

        return steps;
    }

    private static string Code(string text) => text.Replace('`', '\'');

    private static string Escape(string text) => text.ReplaceLineEndings(" ");
}
