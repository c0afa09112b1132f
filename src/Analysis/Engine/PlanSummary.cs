namespace RunTasks.Analysis.Engine;

/// <summary>Counts of planned actions; Deletions and Replacements list at most <see cref="MaxListedAddresses"/> addresses each.</summary>
public sealed record PlanSummary(
    int Create,
    int Update,
    int Delete,
    int Replace,
    int Read,
    IReadOnlyList<string> Deletions,
    IReadOnlyList<string> Replacements,
    string? FormatVersion,
    string? TerraformVersion,
    bool Errored)
{
    /// <summary>Cap on the address lists, so a summary stays small however large the plan.</summary>
    public const int MaxListedAddresses = 100;

    /// <summary>A summary of nothing, for plans that could not be read.</summary>
    public static PlanSummary Empty { get; } = new(0, 0, 0, 0, 0, [], [], null, null, false);
}
