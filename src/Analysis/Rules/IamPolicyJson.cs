using System.Text.Json;

namespace RunTasks.Analysis.Rules;

/// <summary>Reads AWS IAM policy documents, which plans carry as JSON strings inside attribute values.</summary>
internal static class IamPolicyJson
{
    /// <summary>True when some Allow statement grants every action on every resource.</summary>
    public static bool GrantsAdmin(string? json) => AnyStatement(json, statement =>
        IsAllow(statement) && Contains(statement, "Action", "*", "*:*") && Contains(statement, "Resource", "*"));

    /// <summary>True when some unconditional Allow statement has Principal "*" (anyone, including anonymous users).</summary>
    public static bool AllowsEveryone(string? json) => AnyStatement(json, statement =>
        IsAllow(statement) && !statement.TryGetProperty("Condition", out _) && statement.TryGetProperty("Principal", out var principal) && IsEveryone(principal));

    private static bool AnyStatement(string? json, Func<JsonElement, bool> predicate)
    {
        if (json is null || json.Length < 2 || json.TrimStart()[0] != '{')
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("Statement", out var statements))
            {
                return false;
            }

            return statements.ValueKind switch
            {
                JsonValueKind.Object => predicate(statements),
                JsonValueKind.Array => statements.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.Object && predicate(s)),
                _ => false,
            };
        }
        catch (JsonException)
        {
            // Not a JSON policy (e.g. an interpolation left as text): nothing to judge.
            return false;
        }
    }

    private static bool IsAllow(JsonElement statement) =>
        !statement.TryGetProperty("Effect", out var effect) || (effect.ValueKind == JsonValueKind.String && string.Equals(effect.GetString(), "Allow", StringComparison.OrdinalIgnoreCase));

    private static bool Contains(JsonElement statement, string name, params string[] values)
    {
        if (!statement.TryGetProperty(name, out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => values.Contains(value.GetString()),
            JsonValueKind.Array => value.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String && values.Contains(v.GetString())),
            _ => false,
        };
    }

    private static bool IsEveryone(JsonElement principal) => principal.ValueKind switch
    {
        JsonValueKind.String => principal.GetString() == "*",
        JsonValueKind.Object => principal.TryGetProperty("AWS", out var aws) && IsEveryone(aws),
        JsonValueKind.Array => principal.EnumerateArray().Any(IsEveryone),
        _ => false,
    };
}
