namespace RunTasks.Analysis.Policies;

/// <summary>The built-in rules of a policy set, one key per rule.</summary>
internal sealed class RulesSettings
{
    public DestroyGuardSettings? DestroyGuard { get; set; }

    public BlastRadiusSettings? BlastRadius { get; set; }

    public NetworkExposureSettings? NetworkExposure { get; set; }

    public RuleSettings? PublicStorage { get; set; }

    public RuleSettings? EncryptionAtRest { get; set; }

    public IamWildcardsSettings? IamWildcards { get; set; }

    public RequiredTagsSettings? RequiredTags { get; set; }

    public RuleSettings? KnownAfterApply { get; set; }

    public RuleSettings? SensitiveValue { get; set; }

    public ProviderAllowListSettings? ProviderAllowList { get; set; }

    public ModuleAllowListSettings? ModuleAllowList { get; set; }

    public RuleSettings? PlanErrored { get; set; }

    public RuleSettings? Drift { get; set; }
}
