using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.AllowLists;

/// <summary>Provider allow-list: globs over source addresses like <c>registry.terraform.io/hashicorp/*</c>; empty means off.</summary>
internal sealed class ProviderAllowListSettings : RuleSettings
{
    public List<string> Providers { get; set; } = [];
}
