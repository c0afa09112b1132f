using System.Text.Json;
using System.Text.RegularExpressions;
using RunTasks.Analysis.Engine;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Callbacks;

/// <summary>
/// Writes the JSON:API <c>task-results</c> document PATCHed to the callback URL, keeping to HCP Terraform's limits:
/// message 1-1000 chars, at most 250 outcomes, outcome-id 1-64, description 1-1000, body 10,000, tag keys
/// <c>^[A-Za-z_][A-Za-z0-9_]*$</c>, labels 1-32 chars, at most 10 tag keys. Every text shows bidirectional and other
/// invisible controls as escapes (<see cref="VisibleText"/>), so a plan value or workspace name cannot read reversed.
/// </summary>
public static partial class CallbackDocument
{
    public const int MaxMessage = TextLimits.MaxMessage;
    public const int MaxOutcomes = 250;
    public const int MaxOutcomeId = 64;
    public const int MaxDescription = TextLimits.MaxDescription;
    public const int MaxBody = TextLimits.MaxBody;
    public const int MaxLabel = 32;
    public const int MaxTagKeys = 10;
    public const int MaxUrl = 500;

    public static byte[] Write(string status, string message, string? url, IReadOnlyList<Outcome>? outcomes)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("data");
            json.WriteString("type", "task-results");
            json.WriteStartObject("attributes");
            json.WriteString("message", Clip(message, MaxMessage, "(no message)"));
            json.WriteString("status", status);
            if (url is { Length: > 0 and <= MaxUrl })
            {
                json.WriteString("url", url);
            }

            json.WriteEndObject();
            if (outcomes is { Count: > 0 })
            {
                WriteOutcomes(json, outcomes);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteOutcomes(Utf8JsonWriter json, IReadOnlyList<Outcome> outcomes)
    {
        json.WriteStartObject("relationships");
        json.WriteStartObject("outcomes");
        json.WriteStartArray("data");
        foreach (var outcome in Limit(outcomes))
        {
            json.WriteStartObject();
            json.WriteString("type", "task-result-outcomes");
            json.WriteStartObject("attributes");
            json.WriteString("outcome-id", Clip(outcome.OutcomeId, MaxOutcomeId, "outcome"));
            json.WriteString("description", Clip(outcome.Description, MaxDescription, "(no description)"));
            if (!string.IsNullOrEmpty(outcome.Body))
            {
                json.WriteString("body", Clip(outcome.Body, MaxBody, ""));
            }

            WriteTags(json, outcome.Tags);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteTags(Utf8JsonWriter json, IReadOnlyList<OutcomeTag> tags)
    {
        var groups = tags
            .Select(t => t with { Key = TagKey(t.Key) })
            .GroupBy(t => t.Key, StringComparer.Ordinal)
            .Take(MaxTagKeys)
            .ToList();
        if (groups.Count == 0)
        {
            return;
        }

        json.WriteStartObject("tags");
        foreach (var group in groups)
        {
            json.WriteStartArray(group.Key);
            foreach (var tag in group.Take(MaxLabel))
            {
                json.WriteStartObject();
                json.WriteString("label", Clip(tag.Label, MaxLabel, "-"));
                json.WriteString("level", tag.Level is "none" or "info" or "warning" or "error" ? tag.Level : "none");
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    /// <summary>Past the limit, the last slot says how many more there are rather than dropping them silently.</summary>
    public static IReadOnlyList<Outcome> Limit(IReadOnlyList<Outcome> outcomes)
    {
        if (outcomes.Count <= MaxOutcomes)
        {
            return outcomes;
        }

        var rest = outcomes.Skip(MaxOutcomes - 1).ToList();
        var summary = new Outcome(
            "more-findings",
            $"{rest.Count} more findings not listed here",
            "HCP Terraform shows at most 250 outcomes per task result. Further findings:\n\n"
                + string.Join('\n', rest.Take(200).Select(o => "- " + MarkdownText.Escape(o.Description))),
            [new OutcomeTag("Severity", "Info", "info")]);
        return [.. outcomes.Take(MaxOutcomes - 1), summary];
    }

    /// <summary>HCP Terraform's schema only allows identifier-like tag keys, so "Cost Centre" becomes "Cost_Centre".</summary>
    public static string TagKey(string key)
    {
        var cleaned = NotIdentifier().Replace(key, "_");
        if (cleaned.Length == 0 || char.IsDigit(cleaned[0]))
        {
            cleaned = "_" + cleaned;
        }

        return cleaned;
    }

    private static string Clip(string? text, int max, string fallback)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return TextLimits.Truncate(VisibleText.Escape(text), max);
    }

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex NotIdentifier();
}
