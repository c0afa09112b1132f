namespace RunTasks.Analysis.Policies;

/// <summary>Which runs a policy set applies to; each list holds globs and an empty or missing list matches everything.</summary>
internal sealed class ScopeSettings
{
    public List<string>? Organizations { get; set; }

    public List<string>? Projects { get; set; }

    public List<string>? Workspaces { get; set; }

    public List<string>? Stages { get; set; }
}
