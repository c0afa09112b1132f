using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using RunTasks.Analysis.Rules;

namespace RunTasks.Analysis.Rules;

/// <summary>The built-in rules and the engine's own finding ids, described once for every output format.</summary>
public static class RuleCatalog
{
    private static readonly Dictionary<string, RuleDescriptor> ById = BuiltInRules.All.Select(rule => rule.Descriptor)
        .Concat(EngineFindings.All)
        .Concat(Configuration.ConfigurationFindings.All)
        .ToDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>Every built-in rule and engine finding id.</summary>
    public static IReadOnlyCollection<RuleDescriptor> BuiltIn => ById.Values;

    /// <summary>The ids of findings the engine reports about the plan or a rule itself (an unreadable plan, a rule that failed).</summary>
    public static IReadOnlyList<string> EngineFindingIds { get; } = [.. EngineFindings.All.Concat(Configuration.ConfigurationFindings.All).Select(d => d.Id)];

    /// <summary>The descriptor of a built-in id (or of the waiver expiry warning), or null for custom rules.</summary>
    public static RuleDescriptor? Find(string id) => ById.GetValueOrDefault(id) ?? (id == WaiverSet.Expiring.Id ? WaiverSet.Expiring : null);
}
