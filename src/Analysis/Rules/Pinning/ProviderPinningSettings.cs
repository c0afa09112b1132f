using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.Pinning;

/// <summary>Provider pinning: whether a constraint needs an upper bound, and which providers may float.</summary>
internal sealed class ProviderPinningSettings : ConfigurationRuleSettings
{
    /// <summary>True: <c>&gt;= 5.0</c> alone is reported (the lock file is not part of every run); false: any constraint will do.</summary>
    public bool RequireUpperBound { get; set; } = true;

    /// <summary>True: child modules' requirements are judged too; by convention modules state only a minimum.</summary>
    public bool IncludeModules { get; set; }

    /// <summary>Provider source globs that may float, e.g. <c>registry.terraform.io/hashicorp/random</c>.</summary>
    public List<string> TrustedProviders { get; set; } = [];
}
