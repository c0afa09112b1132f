using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Policies;

/// <summary>
/// An accepted risk: findings of <see cref="Rule"/> on resources matching <see cref="Resources"/> in runs matching the
/// scope are waived until <see cref="ExpiresAt"/> (exclusive). Every text is the policy author's, shown escaped.
/// </summary>
/// <param name="Expires">The expiry as written: a date (valid through the end of that day, UTC) or an RFC 3339 time.</param>
/// <param name="Source">The file the waiver was loaded from, or null for waivers built in memory.</param>
public sealed record Waiver(
    string Id,
    string Rule,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> Organizations,
    IReadOnlyList<string> Projects,
    IReadOnlyList<string> Workspaces,
    IReadOnlyList<string> Stages,
    string Reason,
    string Owner,
    string ApprovedBy,
    string? Ticket,
    string Expires,
    DateTimeOffset ExpiresAt,
    string? Source = null,
    int Line = 0)
{
    /// <summary>The expiry for people: the date "(end of day, UTC)", or the time as written.</summary>
    public string ExpiresText => Expires.Length == 10 ? $"{Expires} (end of day, UTC)" : Expires;

    /// <summary>
    /// The first instant a waiver written with <paramref name="expires"/> no longer applies: the day after a date
    /// (<c>2027-03-31</c>, UTC), or an RFC 3339 time with its offset; null when the text is neither.
    /// </summary>
    public static DateTimeOffset? ParseExpiry(string expires)
    {
        ArgumentNullException.ThrowIfNull(expires);
        return WaiverCompiler.ParseExpiry(expires);
    }

    /// <summary>True until the expiry; at <see cref="ExpiresAt"/> the waiver has stopped working.</summary>
    public bool IsLiveAt(DateTimeOffset now) => now < ExpiresAt;

    /// <summary>True when the run's organisation, project, workspace and stage match the waiver's globs (empty = all).</summary>
    public bool AppliesTo(EvaluationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Matches(Organizations, scope.Organization) && Matches(Projects, scope.Project)
            && Matches(Workspaces, scope.Workspace) && Matches(Stages, scope.Stage);
    }

    /// <summary>True when the full address (module path and instance keys included) matches one of <see cref="Resources"/>.</summary>
    public bool Covers(string address) => Glob.AnyMatch(Resources, address);

    private static bool Matches(IReadOnlyList<string> patterns, string? value) =>
        patterns.Count == 0 || (value is not null && Glob.AnyMatch(patterns, value));
}
