using RunTasks.Analysis.Rules;

namespace RunTasks.Analysis;

/// <summary>The built-in rules and the engine's own finding ids, described once for every output format.</summary>
public static class RuleCatalog
{
    private static readonly Dictionary<string, RuleDescriptor> ById = new RuleDescriptor[]
    {
        new(RuleIds.DestroyGuard, "Stateful resource destroyed or replaced", "Deletion or replacement of resources holding data or identity (databases, buckets, disks, keys, DNS zones, secrets and parameters…), whose contents do not come back when they are re-created.", Severity.Error),
        new(RuleIds.BlastRadius, "Too many destructive changes", "More deletions and replacements in one run than the policy allows.", Severity.Error),
        new(RuleIds.NetworkExposure, "Network exposure to the internet", "Ingress from the whole internet (also as several ranges that together cover it) to administrative or database ports or to every port, publicly accessible managed databases, and Kubernetes control planes (EKS, GKE, AKS) reachable from the internet.", Severity.Error),
        new(RuleIds.PublicStorage, "Public storage", "Buckets, containers and storage accounts opened to anonymous or all authenticated users through ACLs, IAM bindings, bucket policies or public access settings.", Severity.Error),
        new(RuleIds.EncryptionAtRest, "Encryption at rest turned off", "Databases, volumes, file systems and streams created or updated with encryption at rest explicitly off.", Severity.Error),
        new(RuleIds.IamWildcards, "Administrator-equivalent grant", "AWS policies granting every action on every resource (also through NotAction/NotResource or iam:*), AWS-managed admin-equivalent policies, GCP primitive roles and public members at project/folder/organisation level, Azure Owner/Contributor/User Access Administrator at subscription scope.", Severity.Error),
        new(RuleIds.RequiredTags, "Required tags missing", "Taggable resources missing tag or label keys the policy requires.", Severity.Warning),
        new(RuleIds.KnownAfterApply, "Security-relevant value known only after apply", "A value a rule needs is computed during apply, after the run task's verdict, so it cannot be checked.", Severity.Warning),
        new(RuleIds.SensitiveValue, "Security-relevant value hidden as sensitive", "A value a rule needs is marked sensitive and omitted or redacted in the plan, so it cannot be checked.", Severity.Warning),
        new(RuleIds.ProviderAllowList, "Provider not allowed", "The plan uses a provider that matches none of the allowed provider globs.", Severity.Error),
        new(RuleIds.ModuleAllowList, "Module source not allowed", "A module call's source matches none of the allowed source globs.", Severity.Error),
        new(RuleIds.PlanErrored, "Plan errored or incomplete", "Terraform reported the plan as errored or incomplete, so it does not show everything the apply would do.", Severity.Error),
        new(RuleIds.Drift, "Drift detected", "Resources changed outside Terraform since the last apply.", Severity.Info),
        new(RuleIds.PlanUnreadable, "Plan unreadable", "The document is not JSON, not UTF-8, not a Terraform plan, of an unsupported format, or holds a resource change over the size limit; no policy could be checked.", Severity.Error),
        new(RuleIds.RuleFailure, "Rule could not check a resource", "A rule failed on a value of an unexpected shape; the resource was not checked by that rule.", Severity.Warning),
    }.ToDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>Every built-in rule and engine finding id.</summary>
    public static IReadOnlyCollection<RuleDescriptor> BuiltIn => ById.Values;

    /// <summary>The descriptor of a built-in id, or null for custom rules.</summary>
    public static RuleDescriptor? Find(string id) => ById.GetValueOrDefault(id);
}
