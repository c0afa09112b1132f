using System.Text.Json;

namespace RunTasks.Analysis.Plans;

/// <summary>Lenient steps into plan JSON: a missing property or item, or a value of another kind, is an undefined element, never an exception.</summary>
internal static class JsonLookup
{
    public static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    public static JsonElement Item(JsonElement element, int index) =>
        element.ValueKind == JsonValueKind.Array && index < element.GetArrayLength() ? element[index] : default;

    public static string? String(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
