namespace RunTasks.Analysis.Configuration;

/// <summary>Reads a Terraform version constraint (<c>~&gt; 5.1</c>, <c>&gt;= 1.0, &lt; 2.0</c>, <c>= 1.2.3</c>) far enough to say how loose it is.</summary>
internal static class VersionConstraint
{
    /// <summary>True when the constraint names one version (<c>1.2.3</c> or <c>= 1.2.3</c>, possibly alongside other bounds).</summary>
    public static bool IsExact(string constraint) => Parts(constraint).Any(part => part.Operator is "=" or "");

    /// <summary>True when some part bounds the version from above: an exact version, <c>&lt;</c>, <c>&lt;=</c> or <c>~&gt;</c>.</summary>
    public static bool HasUpperBound(string constraint) => Parts(constraint).Any(part => part.Operator is "=" or "" or "<" or "<=" or "~>");

    /// <summary>True when the constraint is empty or only excludes versions or bounds them from below: any new version may be taken.</summary>
    public static bool AllowsAny(string constraint) => !HasUpperBound(constraint);

    private static IEnumerable<(string Operator, string Version)> Parts(string constraint)
    {
        foreach (var raw in constraint.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var op = raw.StartsWith("~>", StringComparison.Ordinal) ? "~>"
                : raw.StartsWith(">=", StringComparison.Ordinal) ? ">="
                : raw.StartsWith("<=", StringComparison.Ordinal) ? "<="
                : raw.StartsWith("!=", StringComparison.Ordinal) ? "!="
                : raw.StartsWith('>') ? ">"
                : raw.StartsWith('<') ? "<"
                : raw.StartsWith('=') ? "="
                : string.Empty;
            var version = raw[op.Length..].Trim();
            if (version.Length > 0)
            {
                yield return (op, version);
            }
        }
    }
}
