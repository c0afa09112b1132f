namespace RunTasks.Analysis.Configuration;

/// <summary>A provider a module requires or configures: its local name, source address and version constraint as written.</summary>
internal sealed class ProviderRequirementFact(string key)
{
    /// <summary>The plan's provider_config key (<c>aws</c>, <c>module.vpc:aws</c>) or, from files, the module directory and local name.</summary>
    public string Key { get; } = key;

    public string? Name { get; set; }

    public string? Source { get; set; }

    public string? VersionConstraint { get; set; }

    /// <summary>The calling module's address, or empty for the root module.</summary>
    public string ModuleAddress { get; set; } = string.Empty;

    public SourceLocation? Location { get; set; }
}
