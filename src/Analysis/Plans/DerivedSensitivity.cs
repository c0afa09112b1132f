using System.Buffers;
using System.Text.Json;

namespace RunTasks.Analysis.Plans;

/// <summary>
/// Terraform marks <c>tags.x</c> sensitive but not the same key in the provider-computed <c>tags_all</c> (nor
/// <c>labels</c> in <c>effective_labels</c>/<c>terraform_labels</c>); carrying the marks over keeps those copies masked.
/// </summary>
internal static class DerivedSensitivity
{
    private static readonly (string Source, string Derived)[] Maps =
        [("tags", "tags_all"), ("labels", "effective_labels"), ("labels", "terraform_labels")];

    /// <summary>The *_sensitive shadow with each source map's marks added to its derived maps; unchanged (no copy) when there are none.</summary>
    public static JsonElement Apply(JsonElement marks)
    {
        if (marks.ValueKind != JsonValueKind.Object || !Maps.Any(m => AnyTrue(JsonLookup.Property(marks, m.Source))))
        {
            return marks;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var property in marks.EnumerateObject())
            {
                if (!Maps.Any(m => m.Derived == property.Name))
                {
                    property.WriteTo(json);
                }
            }

            foreach (var derived in Maps.Select(m => m.Derived).Distinct(StringComparer.Ordinal))
            {
                WriteDerived(json, marks, derived);
            }

            json.WriteEndObject();
        }

        return JsonSerializer.Deserialize<JsonElement>(buffer.WrittenSpan);
    }

    private static void WriteDerived(Utf8JsonWriter json, JsonElement marks, string derived)
    {
        var own = JsonLookup.Property(marks, derived);
        var sources = Maps.Where(m => m.Derived == derived).Select(m => JsonLookup.Property(marks, m.Source)).Where(AnyTrue).ToList();
        if (sources.Count == 0)
        {
            if (own.ValueKind != JsonValueKind.Undefined)
            {
                json.WritePropertyName(derived);
                own.WriteTo(json);
            }

            return;
        }

        json.WritePropertyName(derived);
        if (own.ValueKind == JsonValueKind.True || sources.Any(s => s.ValueKind != JsonValueKind.Object))
        {
            // A wholly sensitive source map hides which keys it gave the derived map: mask all of it.
            json.WriteBooleanValue(true);
            return;
        }

        var written = new HashSet<string>(StringComparer.Ordinal);
        json.WriteStartObject();
        foreach (var source in sources)
        {
            foreach (var key in source.EnumerateObject().Where(k => AnyTrue(k.Value) && written.Add(k.Name)))
            {
                key.WriteTo(json);
            }
        }

        if (own.ValueKind == JsonValueKind.Object)
        {
            foreach (var key in own.EnumerateObject().Where(k => written.Add(k.Name)))
            {
                key.WriteTo(json);
            }
        }

        json.WriteEndObject();
    }

    private static bool AnyTrue(JsonElement marks) => marks.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Object => marks.EnumerateObject().Any(p => AnyTrue(p.Value)),
        JsonValueKind.Array => marks.EnumerateArray().Any(AnyTrue),
        _ => false,
    };
}
