namespace RunTasks.Analysis.Policies;

/// <summary>Provider allow-list: globs over source addresses like <c>registry.terraform.io/hashicorp/*</c>; empty means off.</summary>
internal sealed class ProviderAllowListSettings : RuleSettings
{
    public List<string> Providers { get; set; } = [];
}
