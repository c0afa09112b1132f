using RunTasks.Analysis.Policies;
using RunTasks.Analysis.Rules;

namespace RunTasks.Analysis.Tests.Rules;

public sealed class BuiltInRuleTests
{
    public static TheoryData<string> BuiltInRuleIds()
    {
        var ids = new TheoryData<string>();
        foreach (var descriptor in RuleCatalog.BuiltIn.Where(d => !RuleCatalog.EngineFindingIds.Contains(d.Id)))
        {
            ids.Add(descriptor.Id);
        }

        return ids;
    }

    [Theory]
    [MemberData(nameof(BuiltInRuleIds))]
    public void Each_built_in_rule_is_turned_off_by_its_key(string id)
    {
        var set = Assert.Single(PolicySet.Parse($"rules: {{ {id}: {{ enforcement: off }} }}"));

        Assert.DoesNotContain(id, set.EnabledRules);
    }

    [Theory]
    [MemberData(nameof(BuiltInRuleIds))]
    public void Each_built_in_rule_is_turned_on_by_its_key_alone(string id)
    {
        var settings = id switch
        {
            "required_tags" => "{ keys: [owner] }",
            "provider_allow_list" => "{ providers: ['registry.terraform.io/hashicorp/*'] }",
            "module_allow_list" => "{ sources: ['app.terraform.io/acme/*'] }",
            _ => "{ enforcement: info }",
        };

        var set = Assert.Single(PolicySet.Parse($"builtin_rules: false\nrules: {{ {id}: {settings} }}"));

        Assert.Equal([id], set.EnabledRules);
    }

    [Fact]
    public void Unknown_rule_key_is_refused_naming_it()
    {
        var exception = Assert.Throws<PolicyLoadException>(() => PolicySet.Parse("rules: { destroy_gaurd: { enforcement: off } }", "team.yaml"));

        Assert.Contains("destroy_gaurd", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_rule_value_means_the_rule_at_its_default()
    {
        var set = Assert.Single(PolicySet.Parse("rules:\n  drift:\n"));

        Assert.Equal(DefaultPolicies.Set.EnabledRules, set.EnabledRules);
    }

    [Theory]
    [InlineData("destroy_guard")]
    [InlineData("plan_unreadable")]
    public void Custom_rule_may_not_take_a_built_in_id(string id)
    {
        var exception = Assert.Throws<PolicyLoadException>(() => PolicySet.Parse($"custom_rules: [ {{ id: {id}, condition: 'a' }} ]", "team.yaml"));

        Assert.Contains("built-in", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BuiltInRuleIds))]
    public void Policies_documentation_lists_each_built_in_rule(string id)
    {
        var documentation = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "policies.md"));

        Assert.Contains($"| `{id}` |", documentation, StringComparison.Ordinal);
    }
}
