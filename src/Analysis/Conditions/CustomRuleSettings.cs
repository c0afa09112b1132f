namespace RunTasks.Analysis.Conditions;

/// <summary>A rule without code: resource types, actions and a JMESPath condition over the resource change.</summary>
internal sealed class CustomRuleSettings
{
    public string? Id { get; set; }

    /// <summary>error, warning, info or off.</summary>
    public string? Enforcement { get; set; }

    public string? Description { get; set; }

    public string? Remediation { get; set; }

    /// <summary>Why the condition matters; shown in the finding body.</summary>
    public string? Rationale { get; set; }

    /// <summary>An absolute http(s) link to the documentation of the attribute checked; shown in the finding body.</summary>
    public string? DocsUrl { get; set; }

    public List<string> ResourceTypes { get; set; } = [];

    /// <summary>create, update, delete, replace, read, no-op; empty means create, update and replace.</summary>
    public List<string> Actions { get; set; } = [];

    public string? Condition { get; set; }
}
