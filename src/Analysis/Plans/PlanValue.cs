using System.Globalization;
using System.Text.Json;

namespace RunTasks.Analysis.Plans;

/// <summary>
/// A value in before/after walked together with its after_unknown and *_sensitive shadows, so every lookup knows
/// whether the value is unknown until apply or sensitive. Markers can be a bare boolean for the whole object.
/// </summary>
internal readonly struct PlanValue(JsonElement value, JsonElement unknown, JsonElement sensitive, string path = "", bool allUnknown = false, bool allSensitive = false)
{
    private readonly JsonElement _unknown = unknown;
    private readonly JsonElement _sensitive = sensitive;
    private readonly bool _allUnknown = allUnknown || unknown.ValueKind == JsonValueKind.True;
    private readonly bool _allSensitive = allSensitive || sensitive.ValueKind == JsonValueKind.True;

    public JsonElement Value { get; } = value;

    /// <summary>The attribute path, e.g. <c>ingress[0].cidr_blocks</c>.</summary>
    public string Path { get; } = path;

    public bool IsUnknown => _allUnknown;

    public bool IsSensitive => _allSensitive;

    /// <summary>True when the value is present and not null.</summary>
    public bool IsSet => Value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);

    /// <summary>The sensitivity shadow, used to mask nested values when rendering.</summary>
    public JsonElement SensitiveMarks => _sensitive;

    public PlanValue this[string name] =>
        new(
            JsonLookup.Property(Value, name),
            JsonLookup.Property(_unknown, name),
            JsonLookup.Property(_sensitive, name),
            Path.Length == 0 ? name : Path + "." + name,
            _allUnknown,
            _allSensitive);

    public PlanValue this[int index] =>
        new(
            JsonLookup.Item(Value, index),
            JsonLookup.Item(_unknown, index),
            JsonLookup.Item(_sensitive, index),
            Path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]",
            _allUnknown,
            _allSensitive);

    /// <summary>The items of a list or set; nothing when the value is not an array.</summary>
    public IEnumerable<PlanValue> Items()
    {
        if (Value.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        int count = Value.GetArrayLength();
        for (int i = 0; i < count; i++)
        {
            yield return this[i];
        }
    }

    /// <summary>True when this value or any nested part of it is unknown until apply.</summary>
    public bool AnyUnknown() => _allUnknown || ContainsTrue(_unknown);

    /// <summary>True when this value or any nested part of it is sensitive.</summary>
    public bool AnySensitive() => _allSensitive || ContainsTrue(_sensitive);

    public string? AsString() => Value.ValueKind switch
    {
        JsonValueKind.String => Value.GetString(),
        JsonValueKind.Number => Value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>A boolean, also accepting "true"/"false" strings as some providers use them.</summary>
    public bool? AsBool() => Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(Value.GetString(), out var b) => b,
        _ => null,
    };

    /// <summary>An integer, also accepting numeric strings.</summary>
    public long? AsInt64() => Value.ValueKind switch
    {
        JsonValueKind.Number when Value.TryGetInt64(out var n) => n,
        JsonValueKind.String when long.TryParse(Value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    /// <summary>Strings of a list, or the single string itself.</summary>
    public IEnumerable<string> Strings()
    {
        if (Value.ValueKind == JsonValueKind.String)
        {
            yield return Value.GetString()!;
        }
        else if (Value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in Value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    yield return item.GetString()!;
                }
            }
        }
    }

    private static bool ContainsTrue(JsonElement marks)
    {
        switch (marks.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.Object:
                foreach (var property in marks.EnumerateObject())
                {
                    if (ContainsTrue(property.Value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in marks.EnumerateArray())
                {
                    if (ContainsTrue(item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }
}
