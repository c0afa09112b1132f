using System.Text.Json;
using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.Iam;

/// <summary>Reads AWS IAM policy documents, which plans carry as JSON strings inside attribute values.</summary>
internal static class IamPolicyJson
{
    // Actions of several services, one of an unknown service: patterns covering them all grant every action.
    private static readonly string[] EveryActionProbes = ["iam:PutRolePolicy", "sts:AssumeRole", "s3:GetObject", "ec2:RunInstances", "q:q"];

    // Holding these IAM actions lets an identity grant itself any other permission.
    private static readonly string[] IamAdminProbes = ["iam:PutRolePolicy", "iam:CreatePolicyVersion", "iam:AttachRolePolicy", "iam:PutUserPolicy", "iam:CreateAccessKey", "iam:UpdateAssumeRolePolicy"];

    // Resources of several services in an arbitrary account: patterns covering them all reach every resource.
    private static readonly string[] EveryResourceProbes = ["arn:aws:iam::000000000000:role/probe", "arn:aws:s3:::probe/key", "arn:aws:ec2:us-east-1:000000000000:instance/i-0",
        "arn:aws:sts::000000000000:assumed-role/probe/session"];

    private static readonly string[] IamResourceProbes = ["arn:aws:iam::000000000000:role/probe", "arn:aws:iam::000000000000:user/probe", "arn:aws:iam::000000000000:policy/probe"];

    private static readonly (string[] Actions, string[] Resources)[] AdminProbes = [(EveryActionProbes, EveryResourceProbes), (IamAdminProbes, IamResourceProbes)];

    /// <summary>
    /// How some Allow statement grants administrator-equivalent access, or null. Action and resource patterns are matched
    /// with IAM's globs (<c>*</c> any run, <c>?</c> one character, actions case-insensitive): the statement is admin when
    /// they cover every action on resources of any account (<c>*</c>, <c>*:?*</c>, <c>arn:*:*:*:*:*</c>, NotAction or
    /// NotResource excluding only some), or the IAM actions that grant further permissions on every IAM resource
    /// (<c>iam:*</c>, <c>iam:**</c> on <c>*</c> or <c>arn:aws:iam::*:*</c>).
    /// </summary>
    public static string? AdminGrant(string? json) => Statements(json).Select(AdminGrant).FirstOrDefault(grant => grant is not null);

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

        var action = Values(statement, "Action");
        var notAction = action is null ? Values(statement, "NotAction") : null;
        var resource = Values(statement, "Resource");
        var notResource = resource is null ? Values(statement, "NotResource") : null;
        if ((action is null && notAction is null) || (resource is null && notResource is null))
        {
            return null;
        }

        foreach (var (actionProbes, resourceProbes) in AdminProbes)
        {
            if (Covers(action, notAction, actionProbes, ignoreCase: true) && Covers(resource, notResource, resourceProbes, ignoreCase: false))
            {
                var actions = action is not null ? Shown("Action", action, actionProbes, ignoreCase: true) : $"every action except {Listed(notAction!)} (NotAction)";
                var resources = resource is not null ? Shown("Resource", resource, resourceProbes, ignoreCase: false) : $"every resource except {Listed(notResource!)} (NotResource)";
                return $"{actions} on {resources}";
            }
        }

        return null;
    }

    // Every probe is matched by some pattern of the list, or (for NotAction/NotResource) by none of the exclusions.
    private static bool Covers(List<string>? patterns, List<string>? excluded, string[] probes, bool ignoreCase) =>
        patterns is not null
            ? probes.All(probe => patterns.Exists(pattern => Glob.IsMatch(pattern, probe, ignoreCase)))
            : probes.All(probe => !excluded!.Exists(pattern => Glob.IsMatch(pattern, probe, ignoreCase)));

    // The one pattern covering every probe when there is one (Action "*"), else the patterns that cover some.
    private static string Shown(string name, List<string> patterns, string[] probes, bool ignoreCase)
    {
        if (patterns.Find(pattern => probes.All(probe => Glob.IsMatch(pattern, probe, ignoreCase))) is { } single)
        {
            return $"{name} \"{single}\"";
        }

        var used = patterns.FindAll(pattern => probes.Any(probe => Glob.IsMatch(pattern, probe, ignoreCase)));
        return $"{name} {Listed(used.ConvertAll(pattern => $"\"{pattern}\""))}";
    }

    private static string Listed(List<string> values) =>
        values.Count <= 3 ? string.Join(", ", values) : string.Join(", ", values.Take(3)) + $" and {values.Count - 3} more";

    /// <summary>The statements of a policy document (one object or a list); none when the text is not a policy.</summary>
    public static IEnumerable<JsonElement> Statements(string? json)
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

    /// <summary>True when the statement allows (Effect "Allow", or no Effect).</summary>
    public static bool IsAllow(JsonElement statement) =>
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

    /// <summary>True for Principal "*", {"AWS": "*"} or a list holding one: anyone, anonymous users included.</summary>
    public static bool IsEveryone(JsonElement principal) => principal.ValueKind switch
    {
        JsonValueKind.String => principal.GetString() == "*",
        JsonValueKind.Object => principal.TryGetProperty("AWS", out var aws) && IsEveryone(aws),
        JsonValueKind.Array => principal.EnumerateArray().Any(IsEveryone),
        _ => false,
    };
}
