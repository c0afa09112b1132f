using System.Text;
using RunTasks.Analysis.Plans;

namespace RunTasks.Analysis.Engine;

/// <summary>
/// Builds the one-line description and the markdown body of findings, within the outcome size limits. Descriptions
/// are plain text with invisible controls made visible; in the body every plan-derived string is escaped
/// (<see cref="MarkdownText"/>), so a plan cannot add headings, links, images or HTML to what HCP Terraform shows.
/// </summary>
internal static class FindingText
{
    /// <summary>Said in place of a value the plan marks sensitive.</summary>
    public const string SensitiveNote = "(value is sensitive)";

    /// <summary><paramref name="text"/> (which quotes the value), or <paramref name="hidden"/> with a note when the plan marks the value sensitive.</summary>
    public static string Shown(PlanValue value, string text, string hidden) => value.AnySensitive() ? $"{hidden} {SensitiveNote}" : text;

    public static string Line(string text) => TextLimits.Truncate(MarkdownText.OneLine(text), TextLimits.MaxDescription);

    /// <summary>A finding with its one-line description, its markdown body and the same body as <see cref="FindingParts"/>.</summary>
    /// <param name="description">Plain text (it may quote plan values): shown escaped, never taken as markdown.</param>
    /// <param name="why">Markdown written by the rule or the policy author; plan values in it must come through <see cref="MarkdownText"/>.</param>
    /// <param name="fix">As <paramref name="why"/>.</param>
    /// <param name="extra">As <paramref name="why"/>.</param>
    public static Finding Create(string ruleId, Severity severity, string address, string description, ResourceChange? change, PlanValue? attribute, string why, string fix, string? extra = null)
    {
        string? before = null, after = null, path = null;
        if (change is not null && attribute is { } value)
        {
            var old = change.Before;
            foreach (var step in SplitPath(value.Path))
            {
                old = step is int i ? old[i] : old[(string)step];
            }

            path = value.Path;
            before = ValueRenderer.Render(old);
            after = ValueRenderer.Render(value);
        }

        var parts = new FindingParts(change?.Actions, path, before, after, why, fix, extra);
        return new Finding(ruleId, severity, address, Line(description), Body(description, change?.Address, parts), parts);
    }

    /// <summary>The markdown body alone, for findings built without <see cref="Create"/>; arguments as there.</summary>
    public static string Body(string title, ResourceChange? change, PlanValue? attribute, string why, string fix, string? extra = null) =>
        Create(string.Empty, Severity.Info, string.Empty, title, change, attribute, why, fix, extra).MarkdownBody;

    private static string Body(string title, string? resource, FindingParts parts)
    {
        var builder = new StringBuilder();
        builder.Append("### ").Append(MarkdownText.Escape(title)).Append("\n\n");
        if (resource is not null)
        {
            builder.Append("- **Resource:** ").Append(MarkdownText.Code(resource)).Append('\n');
            builder.Append("- **Planned action:** ").Append(parts.Action).Append('\n');
        }

        if (parts.Attribute is { } attribute)
        {
            builder.Append("- **Attribute:** ").Append(attribute.Length == 0 ? "(whole resource)" : MarkdownText.Code(attribute)).Append('\n');
            builder.Append("- **Before → after:** ").Append(MarkdownText.Code(parts.Before ?? "null")).Append(" → ")
                .Append(MarkdownText.Code(parts.After ?? "null")).Append('\n');
        }

        if (parts.Notes is { } notes)
        {
            builder.Append('\n').Append(notes).Append('\n');
        }

        builder.Append("\n**Why it matters:** ").Append(parts.Why).Append("\n\n**How to fix:** ").Append(parts.Fix).Append('\n');
        if (builder.Length > TextLimits.MaxBody)
        {
            // Cut between characters, not inside a surrogate pair: half a pair is not valid text in JSON.
            builder.Length = char.IsHighSurrogate(builder[TextLimits.MaxBody - 21]) ? TextLimits.MaxBody - 21 : TextLimits.MaxBody - 20;
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
}
