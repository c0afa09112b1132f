using System.Text.Json;
using RunTasks.Analysis.Plans;

namespace RunTasks.Analysis.Rules;

/// <summary>Reads AWS IAM policy documents, which plans carry as JSON strings inside attribute values.</summary>
internal static class IamPolicyJson
{
    private static readonly string[] AllActions = ["*", "*:*"];

    // Holding every IAM action lets an identity grant itself any other permission.
    private static readonly string[] EscalatingActions = ["iam:*"];

    /// <summary>
    /// How some Allow statement grants administrator-equivalent access, or null: every action (<c>*</c>, <c>iam:*</c>, or
    /// <c>NotAction</c> excluding only some) on every resource (<c>*</c>, or <c>NotResource</c> excluding only some).
    /// </summary>
    public static string? AdminGrant(string? json) => Statements(json).Select(AdminGrant).FirstOrDefault(grant => grant is not null);

    /// <summary>True when some unconditional Allow statement has Principal "*" (anyone, including anonymous users).</summary>
    public static bool AllowsEveryone(string? json) => Statements(json).Any(statement =>
        IsAllow(statement) && !statement.TryGetProperty("Condition", out _) && statement.TryGetProperty("Principal", out var principal) && IsEveryone(principal));

    /// <summary>True when the text is a JSON object, the shape of a policy document.</summary>
    public static bool IsPolicy(string? json)
    {
        using var document = Parse(json);
        return document is not null;
    }

    /// <summary>True when the plan marks the document sensitive and does not carry it readably (omitted or redacted), so it cannot be judged.</summary>
    public static bool IsHidden(PlanValue policy) =>
        policy.IsSensitive && (policy.Value.ValueKind == JsonValueKind.Undefined || (policy.Value.ValueKind == JsonValueKind.String && !IsPolicy(policy.AsString())));

    private static string? AdminGrant(JsonElement statement)
    {
        if (!IsAllow(statement))
        {
            return null;
        }

        string? actions = Values(statement, "Action") is { } action
            ? action.FirstOrDefault(a => AllActions.Contains(a) || EscalatingActions.Contains(a, StringComparer.OrdinalIgnoreCase)) is { } broad ? $"Action \"{broad}\"" : null
            : Values(statement, "NotAction") is { } notAction && !notAction.Contains("*")
                ? $"every action except {Listed(notAction)} (NotAction)"
                : null;
        string? resources = Values(statement, "Resource") is { } resource
            ? resource.Contains("*") ? "Resource \"*\"" : null
            : Values(statement, "NotResource") is { } notResource && !notResource.Contains("*")
                ? $"every resource except {Listed(notResource)} (NotResource)"
                : null;
        return actions is not null && resources is not null ? $"{actions} on {resources}" : null;
    }

    private static string Listed(List<string> values) =>
        values.Count <= 3 ? string.Join(", ", values) : string.Join(", ", values.Take(3)) + $" and {values.Count - 3} more";

    private static IEnumerable<JsonElement> Statements(string? json)
    {
        using var document = Parse(json);
        if (document is null || !document.RootElement.TryGetProperty("Statement", out var statements))
        {
            yield break;
        }

        if (statements.ValueKind == JsonValueKind.Object)
        {
            yield return statements;
        }
        else if (statements.ValueKind == JsonValueKind.Array)
        {
            foreach (var statement in statements.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object))
            {
                yield return statement;
            }
        }
    }

    private static JsonDocument? Parse(string? json)
    {
        if (json is null || json.Length < 2 || json.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            // Not a JSON policy (e.g. an interpolation left as text, or a redacted value): nothing to judge.
            return null;
        }
    }

    private static bool IsAllow(JsonElement statement) =>
        !statement.TryGetProperty("Effect", out var effect) || (effect.ValueKind == JsonValueKind.String && string.Equals(effect.GetString(), "Allow", StringComparison.OrdinalIgnoreCase));

    /// <summary>The strings of a property holding a string or a list of strings; null when the property is absent.</summary>
    private static List<string>? Values(JsonElement statement, string name)
    {
        if (!statement.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList(),
            _ => [],
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
