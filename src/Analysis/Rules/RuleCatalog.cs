using RunTasks.Analysis.Configuration;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using RunTasks.Analysis.Rules.AllowLists;
using RunTasks.Analysis.Rules.BlastRadius;
using RunTasks.Analysis.Rules.DestroyGuard;
using RunTasks.Analysis.Rules.EncryptionAtRest;
using RunTasks.Analysis.Rules.HardcodedSecrets;
using RunTasks.Analysis.Rules.Iam;
using RunTasks.Analysis.Rules.NetworkExposure;
using RunTasks.Analysis.Rules.Pinning;
using RunTasks.Analysis.Rules.PlanState;
using RunTasks.Analysis.Rules.PublicStorage;
using RunTasks.Analysis.Rules.RequiredTags;
using RunTasks.Analysis.Rules.Visibility;

namespace RunTasks.Analysis.Rules;

/// <summary>
/// The one list of built-in rules, and the descriptors of every id the engine reports (rules and its own findings)
/// for every output format. Adding a rule: write it in its own folder under <c>Rules/</c> with its
/// <see cref="BuiltInRule"/>, then list it in <see cref="Rules"/>.
/// </summary>
public static class RuleCatalog
{
    /// <summary>Every built-in rule, in the order a policy set runs them (also the order of equal-severity findings).</summary>
    internal static IReadOnlyList<BuiltInRule> Rules { get; } =
    [
        DestroyGuardRule.BuiltIn,
        BlastRadiusRule.BuiltIn,
        NetworkExposureRule.BuiltIn,
        PublicStorageRule.BuiltIn,
        EncryptionAtRestRule.BuiltIn,
        IamWildcardsRule.BuiltIn,
        RequiredTagsRule.BuiltIn,
        ProviderAllowListRule.BuiltIn,
        ModuleAllowListRule.BuiltIn,
        ModulePinningRule.BuiltIn,
        ProviderPinningRule.BuiltIn,
        HardcodedSecretsRule.BuiltIn,
        PlanErroredRule.BuiltIn,
        DriftRule.BuiltIn,
        KnownAfterApplyRule.BuiltIn,
        SensitiveValueRule.BuiltIn,
    ];

    private static readonly Dictionary<string, BuiltInRule> RulesById = Rules.ToDictionary(rule => rule.Id, StringComparer.Ordinal);

    private static readonly Dictionary<string, RuleDescriptor> ById = Rules.Select(rule => rule.Descriptor)
        .Concat(EngineFindings.All)
        .Concat(ConfigurationFindings.All)
        .ToDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>Every built-in rule and engine finding id.</summary>
    public static IReadOnlyCollection<RuleDescriptor> BuiltIn => ById.Values;

    /// <summary>The ids of findings the engine reports about the plan or a rule itself (an unreadable plan, a rule that failed).</summary>
    public static IReadOnlyList<string> EngineFindingIds { get; } = [.. EngineFindings.All.Concat(ConfigurationFindings.All).Select(d => d.Id)];

    /// <summary>The descriptor of a built-in id (or of the waiver expiry warning), or null for custom rules.</summary>
    public static RuleDescriptor? Find(string id) => ById.GetValueOrDefault(id) ?? (id == WaiverSet.Expiring.Id ? WaiverSet.Expiring : null);

    /// <summary>The built-in rule whose key under <c>rules:</c> is <paramref name="id"/>, or null.</summary>
    internal static BuiltInRule? FindRule(string id) => RulesById.GetValueOrDefault(id);
}
