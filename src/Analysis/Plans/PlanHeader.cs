namespace RunTasks.Analysis.Plans;

/// <summary>The top-level scalars of a plan, filled in while streaming.</summary>
internal sealed class PlanHeader
{
    public string? FormatVersion { get; set; }

    public string? TerraformVersion { get; set; }

    public bool Errored { get; set; }

    public bool? Complete { get; set; }

    public bool? Applyable { get; set; }

    /// <summary>True once a property only plans have (resource_changes, planned_values, …) was seen.</summary>
    public bool LooksLikePlan { get; set; }
}
