namespace RunTasks.Analysis.Policies;

/// <summary>One waiver as written under a file's top-level <c>waivers:</c> list (snake_case keys); validated by <see cref="WaiverCompiler"/>.</summary>
internal sealed class WaiverSettings
{
    public string? Id { get; set; }

    public string? Rule { get; set; }

    public List<string>? Resources { get; set; }

    public List<string>? Organizations { get; set; }

    public List<string>? Projects { get; set; }

    public List<string>? Workspaces { get; set; }

    public List<string>? Stages { get; set; }

    public string? Reason { get; set; }

    public string? Owner { get; set; }

    public string? ApprovedBy { get; set; }

    public string? Ticket { get; set; }

    public string? Expires { get; set; }
}
