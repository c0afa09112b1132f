using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Rules;

namespace RunTasks.Analysis.Policies;

/// <summary>The rules one policy set runs, collected while its YAML is compiled.</summary>
internal sealed class PolicySetRules
{
    public List<IResourceRule> Resource { get; } = [];

    public List<IPlanRule> Plan { get; } = [];

    /// <summary>Severity of values known only after apply, or null when that rule is off.</summary>
    public Severity? Unknown { get; set; }

    /// <summary>Severity of values hidden as sensitive, or null when that rule is off.</summary>
    public Severity? Sensitive { get; set; }

    /// <summary>The enforcement of each rule added, by id: a rule that cannot judge is reported at this severity.</summary>
    public Dictionary<string, Severity> Severities { get; } = new(StringComparer.Ordinal);
}
