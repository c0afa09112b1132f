using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace RunTasks.Api.Protocol;

/// <summary>
/// Reads a run task body field by field. Lenient where nothing is lost: a UTF-8 byte-order mark is skipped and the JSON
/// type of informational fields is not held against the request. Strict where it matters: the fields that decide what
/// RunTasks calls, and with which token, must be strings, and no field RunTasks reads may appear twice (any spelling case),
/// so a second <c>access_token</c> cannot turn a run into a verification ping.
/// </summary>
public static class RunTaskPayloadParser
{
    private enum Kind { Strict, Informational, Flag, Capabilities }

    private static readonly (string Name, Kind Kind)[] Used =
    [
        ("access_token", Kind.Strict),
        ("task_result_id", Kind.Strict),
        ("task_result_callback_url", Kind.Strict),
        ("plan_json_api_url", Kind.Strict),
        ("stage", Kind.Strict),
        ("capabilities", Kind.Capabilities),
        ("is_speculative", Kind.Flag),
        ("organization_name", Kind.Informational),
        ("project_name", Kind.Informational),
        ("workspace_name", Kind.Informational),
        ("run_id", Kind.Informational),
        ("task_result_enforcement_level", Kind.Informational),
        ("run_app_url", Kind.Informational),
        ("workspace_app_url", Kind.Informational),
        ("configuration_version_download_url", Kind.Strict),
        ("configuration_version_id", Kind.Informational),
        ("workspace_working_directory", Kind.Informational),
        ("vcs_pull_request_url", Kind.Informational),
        ("vcs_repo_url", Kind.Informational),
        ("vcs_branch", Kind.Informational),
        ("vcs_commit_hash", Kind.Informational),
        ("vcs_commit_url", Kind.Informational),
    ];

    // Any spelling case finds the field (as the serializer did), so a case variant counts as a duplicate.
    private static readonly Dictionary<string, (string Name, Kind Kind)> Fields =
        Used.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    public static bool TryParse(ReadOnlySpan<byte> body, [NotNullWhen(true)] out RunTaskPayload? payload, [NotNullWhen(false)] out string? problem)
    {
        payload = null;
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "The body must be a JSON object.";
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (!Fields.TryGetValue(name, out var used))
                {
                    reader.Skip();
                    continue;
                }
                var (field, kind) = used;
                if (values.ContainsKey(field))
                {
                    problem = $"The field {field} appears more than once.";
                    return false;
                }
                if (!TryRead(ref reader, field, kind, out var value, out problem))
                {
                    return false;
                }

                values[field] = value;
            }
            _ = reader.Read(); // throws if anything but whitespace follows the object
        }
        catch (JsonException e)
        {
            problem = $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).";
            return false;
        }
        catch (InvalidOperationException)
        {
            problem = "The body is not valid UTF-8.";
            return false;
        }

        string? Text(string field) => values.GetValueOrDefault(field) as string;
        bool Flag(string field) => values.GetValueOrDefault(field) is true;
        payload = new RunTaskPayload(
            Text("access_token"),
            Text("task_result_id"),
            Text("task_result_callback_url"),
            Text("plan_json_api_url"),
            Text("stage"),
            Flag("capabilities"),
            Flag("is_speculative"),
            Text("organization_name"),
            Text("project_name"),
            Text("workspace_name"),
            Text("run_id"),
            Text("task_result_enforcement_level"),
            Text("run_app_url"),
            Text("workspace_app_url"),
            Text("configuration_version_download_url"),
            Text("configuration_version_id"),
            Text("workspace_working_directory"),
            Text("vcs_pull_request_url"),
            Text("vcs_repo_url"),
            Text("vcs_branch"),
            Text("vcs_commit_hash"),
            Text("vcs_commit_url"));
        problem = null;
        return true;
    }

    /// <summary>Reads the value the reader is on; a failure only for a strict field of the wrong type or a duplicated nested key.</summary>
    private static bool TryRead(ref Utf8JsonReader reader, string field, Kind kind, out object? value, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        value = null;
        switch (kind)
        {
            case Kind.Strict when reader.TokenType is JsonTokenType.String or JsonTokenType.Null:
                value = reader.GetString();
                return true;
            case Kind.Strict:
                problem = $"The field {field} must be a string.";
                return false;
            case Kind.Informational:
                value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
                return true;
            case Kind.Flag:
                value = IsTrue(ref reader);
                reader.Skip();
                return true;
            default:
                return TryReadCapabilities(ref reader, out value, out problem);
        }
    }

    /// <summary><c>capabilities.outcomes</c>; anything but an object (or a true-ish outcomes) means no structured outcomes.</summary>
    private static bool TryReadCapabilities(ref Utf8JsonReader reader, out object? value, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        value = false;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return true;
        }
        bool? outcomes = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isOutcomes = string.Equals(reader.GetString(), "outcomes", StringComparison.OrdinalIgnoreCase);
            reader.Read();
            if (isOutcomes && outcomes is not null)
            {
                problem = "The field capabilities.outcomes appears more than once.";
                return false;
            }
            if (isOutcomes)
            {
                outcomes = IsTrue(ref reader);
            }

            reader.Skip();
        }
        value = outcomes == true;
        return true;
    }

    /// <summary>JSON true, or the string "true" as a lenient sender might write it.</summary>
    private static bool IsTrue(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.True
        || (reader.TokenType == JsonTokenType.String && string.Equals(reader.GetString(), "true", StringComparison.OrdinalIgnoreCase));
}
