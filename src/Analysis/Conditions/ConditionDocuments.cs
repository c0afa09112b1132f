using System.Runtime.InteropServices;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Plans;

namespace RunTasks.Analysis.Conditions;

/// <summary>
/// The resource change as custom-rule conditions read it: a JSON.NET tree, many times the size of its JSON, of only the parts a
/// condition reads (<see cref="ConditionPaths"/>). Parts over <see cref="AnalysisLimits.MaxCustomRuleChangeBytes"/> are refused;
/// a whole change, which many conditions may need, is converted once per change; nothing is held once the analysis is over.
/// </summary>
internal sealed class ConditionDocuments(int maxBytes)
{
    private ResourceChange? _change;
    private JToken? _document;

    public int MaxBytes { get; } = maxBytes;

    /// <summary>The size of the JSON a condition reading <paramref name="paths"/> sees, which bounds the tree built for it.</summary>
    public static long SizeOf(JsonElement element, ConditionPaths paths)
    {
        if (paths.IsWhole || element.ValueKind != JsonValueKind.Object)
        {
            return JsonMarshal.GetRawUtf8Value(element).Length;
        }

        long size = 2;
        foreach (var property in element.EnumerateObject())
        {
            if (paths.Properties.TryGetValue(property.Name, out var inner))
            {
                size += property.Name.Length + 4 + SizeOf(property.Value, inner);
            }
        }

        return size;
    }

    /// <summary>The tree of what <paramref name="paths"/> reads of <paramref name="change"/>, or null when that is larger than <see cref="MaxBytes"/>.</summary>
    public JToken? For(ResourceChange change, ConditionPaths paths)
    {
        if (!paths.IsWhole)
        {
            return SizeOf(change.Element, paths) > MaxBytes ? null : Convert(change.Element, paths);
        }

        if (ReferenceEquals(_change, change) && _document is { } cached)
        {
            return cached;
        }

        // Let the previous tree go before building the next, so two never coexist.
        _change = null;
        _document = null;
        if (SizeOf(change.Element, paths) > MaxBytes)
        {
            return null;
        }

        _document = Convert(change.Element);
        _change = change;
        return _document;
    }

    /// <summary>A copy of what <paramref name="paths"/> reads: objects on the way keep only the properties read.</summary>
    public static JToken Convert(JsonElement element, ConditionPaths paths)
    {
        if (paths.IsWhole || element.ValueKind != JsonValueKind.Object)
        {
            return Convert(element);
        }

        var result = new JObject();
        foreach (var property in element.EnumerateObject())
        {
            if (paths.Properties.TryGetValue(property.Name, out var inner))
            {
                result.Add(property.Name, Convert(property.Value, inner));
            }
        }

        return result;
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
