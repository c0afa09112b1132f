namespace RunTasks.Analysis.Configuration;

/// <summary>A module call: its file-less address (<c>module.a.module.b</c>), source and version constraint as written.</summary>
internal sealed class ModuleCallFact(string address)
{
    public string Address { get; } = address;

    public string? Source { get; set; }

    public string? VersionConstraint { get; set; }

    public SourceLocation? Location { get; set; }
}
