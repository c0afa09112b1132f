using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.Pinning;

/// <summary>Module pinning: which sources may float, and whether a bounded range is pinned enough.</summary>
internal sealed class ModulePinningSettings : ConfigurationRuleSettings
{
    /// <summary>Source globs that may float (e.g. the organisation's private registry, <c>app.terraform.io/acme/*</c>).</summary>
    public List<string> TrustedSources { get; set; } = [];

    /// <summary>True: a range with an upper bound (<c>~&gt; 5.1</c>) is enough; false: registry modules need one exact version.</summary>
    public bool AllowRanges { get; set; } = true;
}
