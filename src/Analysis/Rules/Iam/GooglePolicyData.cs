using System.Text.Json;

namespace RunTasks.Analysis.Rules.Iam;

/// <summary>Reads the <c>policy_data</c> JSON of <c>google_*_iam_policy</c> resources: {"bindings":[{"role":…,"members":[…]}]}.</summary>
internal static class GooglePolicyData
{
    public static readonly string[] PublicMembers = ["allUsers", "allAuthenticatedUsers"];

    /// <summary>The role and members of each binding; nothing when the text is not such a document.</summary>
    public static List<(string Role, List<string> Members)> Bindings(string? json)
    {
        var bindings = new List<(string, List<string>)>();
        if (json is null || json.Length < 2 || json.TrimStart()[0] != '{')
        {
            return bindings;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("bindings", out var items)
                || items.ValueKind != JsonValueKind.Array)
            {
                return bindings;
            }

            foreach (var binding in items.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.Object))
            {
                var role = binding.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : string.Empty;
                var members = binding.TryGetProperty("members", out var m) && m.ValueKind == JsonValueKind.Array
                    ? m.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                    : [];
                bindings.Add((role, members));
            }
        }
        catch (JsonException)
        {
            // Not JSON (a redacted or interpolated value): nothing to judge here; the caller reports hidden values.
        }

        return bindings;
    }
}
