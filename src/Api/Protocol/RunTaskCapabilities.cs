namespace RunTasks.Protocol;

public sealed class RunTaskCapabilities
{
    /// <summary>True when HCP Terraform accepts structured outcomes in the callback.</summary>
    public bool? Outcomes { get; set; }
}
