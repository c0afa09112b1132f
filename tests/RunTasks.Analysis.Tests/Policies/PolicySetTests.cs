using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Policies;

public sealed class PolicySetTests
{
    [Fact]
    public void Shipped_default_policy_file_loads_with_every_built_in_rule()
    {
        var sets = PolicySet.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "policies", "default.yaml")), "default.yaml");

        var set = Assert.Single(sets);
        Assert.Equal(DefaultPolicies.Set.EnabledRules, set.EnabledRules);
    }

    [Fact]
    public async Task Shipped_default_policy_file_gives_the_built_in_verdicts()
    {
        var shipped = new StaticPolicyProvider(PolicySet.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "policies", "default.yaml")), "default.yaml"));
        foreach (var fixture in Directory.EnumerateFiles(TestPaths.FixturePlans, "*.json"))
        {
            var builtIn = await AnalyzeAsync(File.OpenRead(fixture));
            var fromFile = await AnalyzeAsync(File.OpenRead(fixture), shipped);

            Assert.Equal(builtIn.Message, fromFile.Message);
        }
    }

    [Theory]
    [InlineData("rules: { destroy_guard: { enforcment: error } }", "enforcment")]
    [InlineData("rules: { destroy_guard: { enforcement: fatal } }", "rules.destroy_guard.enforcement")]
    [InlineData("rules: { blast_radius: { max_destructive_changes: -1 } }", "max_destructive_changes")]
    [InlineData("scope: { stages: [post-plan] }", "scope.stages")]
    [InlineData("custom_rules: [ { id: x, condition: 'a', actions: [destroy] } ]", "actions")]
    [InlineData("name: [unclosed", "line")]
    public void Invalid_policy_names_the_problem(string yaml, string expected)
    {
        var exception = Assert.Throws<PolicyLoadException>(() => PolicySet.Parse(yaml, "team.yaml"));

        Assert.Contains("team.yaml", exception.Message, StringComparison.Ordinal);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_no_set_applies_to_passes_with_a_message_naming_what_did_not_match()
    {
        var sets = PolicySet.Parse("name: apply-gate\nscope: { organizations: [acme], stages: [pre_apply] }\n", "gate.yaml");

        var report = await AnalyzeAsync(Plan(), new StaticPolicyProvider(sets));

        Assert.True(report.Passed);
        Assert.Contains("no policy set applies to this run: set 'apply-gate' wants stage pre_apply (this run: post_plan)", report.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("organization", report.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme", "prod-network", "post_plan", true)]
    [InlineData("acme", "dev-network", "post_plan", false)]
    [InlineData("other", "prod-network", "post_plan", false)]
    [InlineData("acme", "prod-network", "pre_plan", false)]
    [InlineData(null, "prod-network", "post_plan", false)]
    public void Scope_selects_organisation_workspace_glob_and_stage(string? organization, string workspace, string stage, bool applies)
    {
        var set = PolicySet.Parse("""
            scope:
              organizations: [acme]
              workspaces: ["prod-*"]
              stages: [post_plan, pre_apply]
            """)[0];

        Assert.Equal(applies, set.AppliesTo(new EvaluationScope(organization, null, workspace, stage)));
    }

    [Fact]
    public void Several_documents_in_one_file_are_several_sets()
    {
        var sets = PolicySet.Parse("name: a\n---\nname: b\n");

        Assert.Equal(["a", "b"], sets.Select(s => s.Name));
    }

    [Fact]
    public async Task No_applicable_set_passes_and_says_so()
    {
        var policy = Policy("scope: { workspaces: [nothing-matches] }");

        var report = await AnalyzeAsync(Plan(Change("aws_db_instance", """["delete"]""", null, before: "{}")), policy);

        Assert.True(report.Passed);
        Assert.Contains("no policy set applies", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warning_enforcement_reports_without_failing()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_db_instance", """["delete"]""", null, before: "{}")), Policy("rules: { destroy_guard: { enforcement: warning } }"));

        Assert.True(report.Passed);
        Assert.StartsWith("1 warning — aws_db_instance.this would be destroyed", report.Message, StringComparison.Ordinal);
    }
}
