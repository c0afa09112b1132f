using System.Text.Json;
using RunTasks.Analysis.Network;
using RunTasks.Analysis.Rules.Iam;

namespace RunTasks.Analysis.Rules.PublicStorage;

/// <summary>
/// AWS's meaning of a public resource policy (S3 Block Public Access, IAM Access Analyzer): an Allow to Principal "*"
/// (or {"AWS": "*"}), or an Allow with NotPrincipal, stays public unless a condition pins who can reach it to fixed values
/// of a narrowing key (aws:SourceIp not reaching the internet, aws:SourceVpc, aws:SourceVpce, aws:SourceArn,
/// aws:SourceAccount, aws:SourceOwner, aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:userid).
/// Transport, time, tag or user-agent conditions, negated, IfExists and Null operators, and wildcard values narrow nothing.
/// </summary>
internal static class PublicResourcePolicy
{
    private static readonly string[] NarrowingKeys =
    [
        "aws:SourceIp", "aws:SourceVpc", "aws:SourceVpce", "aws:SourceArn", "aws:SourceAccount", "aws:SourceOwner",
        "aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:PrincipalArn", "aws:userid",
    ];

    /// <summary>How some Allow statement opens the resource to everyone (e.g. "Principal \"*\" without a condition"), or null.</summary>
    public static string? PublicGrant(string? json)
    {
        foreach (var statement in IamPolicyJson.Statements(json))
        {
            if (!IamPolicyJson.IsAllow(statement))
            {
                continue;
            }

            var who = statement.TryGetProperty("NotPrincipal", out _) ? "everyone outside its NotPrincipal"
                : statement.TryGetProperty("Principal", out var principal) && IamPolicyJson.IsEveryone(principal) ? "Principal \"*\""
                : null;
            if (who is not null && Narrowing(statement) is { Narrowed: false } conditions)
            {
                return conditions.Keys is null
                    ? $"{who} without a condition"
                    : $"{who} with conditions that do not narrow who can reach it ({string.Join(", ", conditions.Keys.Distinct(StringComparer.OrdinalIgnoreCase))})";
            }
        }

        return null;
    }

    // Whether some condition pins a narrowing key to fixed values, and the keys seen (null when none: an absent or empty Condition).
    private static (bool Narrowed, List<string>? Keys) Narrowing(JsonElement statement)
    {
        if (!statement.TryGetProperty("Condition", out var condition) || condition.ValueKind != JsonValueKind.Object)
        {
            return (false, null);
        }

        List<string>? keys = null;
        foreach (var test in condition.EnumerateObject().Where(t => t.Value.ValueKind == JsonValueKind.Object))
        {
            var narrowingOperator = IsNarrowingOperator(test.Name);
            foreach (var entry in test.Value.EnumerateObject())
            {
                (keys ??= []).Add(entry.Name);
                if (narrowingOperator && NarrowingKeys.Contains(entry.Name, StringComparer.OrdinalIgnoreCase) && IsFixed(entry.Name, entry.Value))
                {
                    return (true, keys);
                }
            }
        }

        return (false, keys);
    }

    // Negated tests, IfExists, Null and ForAllValues hold when the key is absent or different; only positive matches pin it.
    private static bool IsNarrowingOperator(string name)
    {
        var test = name.StartsWith("ForAnyValue:", StringComparison.OrdinalIgnoreCase) ? name["ForAnyValue:".Length..] : name;
        return !test.Contains("Not", StringComparison.Ordinal)
            && !test.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase)
            && (test.StartsWith("String", StringComparison.OrdinalIgnoreCase) || test.StartsWith("Arn", StringComparison.OrdinalIgnoreCase) || test.Equals("IpAddress", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsFixed(string key, JsonElement value)
    {
        var values = value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) => value.EnumerateArray().Select(v => v.GetString()!).ToList(),
            _ => new List<string>(),
        };
        if (values.Count == 0)
        {
            return false;
        }

        if (key.Equals("aws:SourceIp", StringComparison.OrdinalIgnoreCase))
        {
            return values.TrueForAll(v => AddressRange.TryParse(v, out _)) && !InternetSources.Reaches(values);
        }

        if (key.Equals("aws:userid", StringComparison.OrdinalIgnoreCase))
        {
            // "AROAEXAMPLE:*" is every session of one role: the unique id before the colon pins it.
            return values.TrueForAll(v => v.IndexOfAny(['*', '?']) is var wild && (wild < 0 ? v.Length > 0 : v.AsSpan(0, wild).IndexOf(':') > 0));
        }

        return key.Equals("aws:SourceArn", StringComparison.OrdinalIgnoreCase) || key.Equals("aws:PrincipalArn", StringComparison.OrdinalIgnoreCase)
            ? values.TrueForAll(IsFixedArn)
            : values.TrueForAll(v => v.Length > 0 && v.IndexOfAny(['*', '?']) < 0);
    }

    // An ARN is pinned when its partition, service, region and account hold no wildcard and its resource is not only one.
    private static bool IsFixedArn(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && parts.Take(5).All(p => p.IndexOfAny(['*', '?']) < 0) && parts[5].Trim('*', '?', '/').Length > 0;
    }
}
