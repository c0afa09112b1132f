namespace RunTasks.Grains.History;

/// <summary>
/// Which task results (and their findings) a query is about; every null field matches everything. Workspace and
/// Address are globs (<c>*</c> any run of characters, <c>?</c> one; exact otherwise, case-sensitive). Rule and Address
/// select the task results with at least one such finding (and, for findings, those findings). From is inclusive,
/// To exclusive, both on the time the result finished. NewOnly keeps findings not in the same workspace's previous run
/// of that stage (findings only). VcsRepo and VcsBranch are exact.
/// </summary>
public sealed record HistoryFilter
{
    public string? Organization { get; init; }
    public string? Project { get; init; }
    public string? Workspace { get; init; }
    public string? Stage { get; init; }
    public HistoryVerdict? Verdict { get; init; }
    public string? Rule { get; init; }
    public string? Address { get; init; }
    public string? VcsRepo { get; init; }
    public string? VcsBranch { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public bool NewOnly { get; init; }

    public static HistoryFilter All { get; } = new();
}
