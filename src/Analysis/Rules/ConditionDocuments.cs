using System.Runtime.InteropServices;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using RunTasks.Analysis.Plans;

namespace RunTasks.Analysis.Rules;

/// <summary>
/// The resource change as custom-rule conditions read it: a JSON.NET tree, many times the size of its JSON. One analysis
/// converts each change once for all its custom rules, refuses changes over <see cref="AnalysisLimits.MaxCustomRuleChangeBytes"/>,
/// and holds nothing once the analysis is over.
/// </summary>
internal sealed class ConditionDocuments(int maxBytes)
{
    private ResourceChange? _change;
    private JToken? _document;

    public int MaxBytes { get; } = maxBytes;

    /// <summary>The size of the change's JSON, which bounds the tree a condition would read.</summary>
    public static int SizeOf(ResourceChange change) => JsonMarshal.GetRawUtf8Value(change.Element).Length;

    /// <summary>The tree for <paramref name="change"/>, or null when its JSON is larger than <see cref="MaxBytes"/>.</summary>
    public JToken? For(ResourceChange change)
    {
        if (ReferenceEquals(_change, change) && _document is { } cached)
        {
            return cached;
        }

        // Let the previous tree go before building the next, so two never coexist.
        _change = null;
        _document = null;
        if (SizeOf(change) > MaxBytes)
        {
            return null;
        }

        _document = Convert(change.Element);
        _change = change;
        return _document;
    }

    // Direct tree copy: no text round trip; strings stay strings (no date parsing), numbers keep their precision.
    private static JToken Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new JObject(element.EnumerateObject().Select(p => new JProperty(p.Name, Convert(p.Value)))),
        JsonValueKind.Array => new JArray(element.EnumerateArray().Select(Convert)),
        JsonValueKind.String => new JValue(element.GetString()),
        JsonValueKind.Number when element.TryGetInt64(out var integer) => new JValue(integer),
        JsonValueKind.Number when element.TryGetDecimal(out var number) => new JValue(number),
        JsonValueKind.Number => new JValue(element.GetDouble()),
        JsonValueKind.True => new JValue(true),
        JsonValueKind.False => new JValue(false),
        _ => JValue.CreateNull(),
    };
}
