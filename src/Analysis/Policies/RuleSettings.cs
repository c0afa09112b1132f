namespace RunTasks.Analysis.Policies;

/// <summary>Settings every rule has: its enforcement (error, warning, info or off).</summary>
internal class RuleSettings
{
    public string? Enforcement { get; set; }
}
