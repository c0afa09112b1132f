using System.Text;
using System.Text.Json;

namespace RunTasks.Analysis.Plans;

/// <summary>
/// Renders plan values for humans, masking everything the plan marks sensitive. Strings appear as JSON writes them
/// (quoted, line breaks escaped); so do keys that are not plain names, so a key cannot fake structure or hide a line break.
/// </summary>
internal static class ValueRenderer
{
    public const string SensitiveText = "(sensitive value)";
    public const string UnknownText = "(known after apply)";
    private const int MaxLength = 300;

    public static string Render(PlanValue value)
    {
        if (value.IsSensitive)
        {
            return SensitiveText;
        }

        if (value.IsUnknown)
        {
            return UnknownText;
        }

        if (!value.IsSet)
        {
            return "null";
        }

        var builder = new StringBuilder();
        Write(builder, value.Value, value.SensitiveMarks);
        if (builder.Length > MaxLength)
        {
            builder.Length = MaxLength;
            builder.Append('…');
        }

        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonElement value, JsonElement marks)
    {
        if (marks.ValueKind == JsonValueKind.True)
        {
            builder.Append(SensitiveText);
            return;
        }

        if (builder.Length > MaxLength)
        {
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                bool first = true;
                foreach (var property in value.EnumerateObject())
                {
                    if (!first)
                    {
                        builder.Append(", ");
                    }

                    first = false;
                    AppendKey(builder, property.Name);
                    builder.Append(" = ");
                    var childMarks = JsonLookup.Property(marks, property.Name);
                    Write(builder, property.Value, childMarks);
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                int index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (index > 0)
                    {
                        builder.Append(", ");
                    }

                    var childMarks = marks.ValueKind == JsonValueKind.Array && index < marks.GetArrayLength() ? marks[index] : default;
                    Write(builder, item, childMarks);
                    index++;
                }

                builder.Append(']');
                break;
            default:
                builder.Append(value.GetRawText());
                break;
        }
    }

    private static void AppendKey(StringBuilder builder, string name)
    {
        if (name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ':'))
        {
            builder.Append(name);
        }
        else
        {
            builder.Append('"').Append(JsonEncodedText.Encode(name).Value).Append('"');
        }
    }
}
