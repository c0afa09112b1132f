namespace RunTasks.Analysis.Rules;

/// <summary>Ids of the built-in rules; they are also the keys under <c>rules:</c> in policy YAML.</summary>
internal static class RuleIds
{
    public const string DestroyGuard = "destroy_guard";
    public const string BlastRadius = "blast_radius";
    public const string NetworkExposure = "network_exposure";
    public const string PublicStorage = "public_storage";
    public const string EncryptionAtRest = "encryption_at_rest";
    public const string IamWildcards = "iam_wildcards";
    public const string RequiredTags = "required_tags";
    public const string KnownAfterApply = "known_after_apply";
    public const string SensitiveValue = "sensitive_value";
    public const string ProviderAllowList = "provider_allow_list";
    public const string ModuleAllowList = "module_allow_list";
    public const string PlanErrored = "plan_errored";
    public const string Drift = "drift";
    public const string PlanUnreadable = "plan_unreadable";
    public const string RuleFailure = "rule_failure";
}
