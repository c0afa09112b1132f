using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Tests.Rules.AllowLists;

/// <summary>provider_allow_list and module_allow_list.</summary>
public sealed class AllowListTests
{
    [Fact]
    public void Allow_list_without_entries_is_off_whatever_its_enforcement()
    {
        var set = Assert.Single(PolicySet.Parse("rules: { provider_allow_list: { enforcement: error } }"));

        Assert.DoesNotContain("provider_allow_list", set.EnabledRules);
    }
}
