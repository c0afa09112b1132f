using RunTasks.Analysis.Engine;
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

namespace RunTasks.Analysis.Rules;

/// <summary>
/// Every built-in rule, in the order a policy set runs them (which is also the order of their findings of equal severity).
/// Adding a rule: write it with its <see cref="BuiltInRule"/> descriptor, then list the descriptor here.
/// </summary>
internal static class BuiltInRules
{
    public static IReadOnlyList<BuiltInRule> All { get; } =
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
        RuleContext.KnownAfterApply,
        RuleContext.SensitiveValue,
    ];

    private static readonly Dictionary<string, BuiltInRule> ById = All.ToDictionary(rule => rule.Id, StringComparer.Ordinal);

    /// <summary>The built-in rule whose key under <c>rules:</c> is <paramref name="id"/>, or null.</summary>
    public static BuiltInRule? Find(string id) => ById.GetValueOrDefault(id);
}
