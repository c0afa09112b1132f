using System.Text.Json;
using DevLab.JmesPath.Expressions;
using RunTasks.Analysis.Conditions;
using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Policies;
using RunTasks.Testing;

namespace RunTasks.Analysis.Tests.Conditions;

/// <summary>A condition is evaluated on a copy of only what it reads, with the same result as on the whole change.</summary>
public sealed class ConditionPathsTests
{
    [Fact]
    public void Condition_naming_one_attribute_reads_only_that_attribute()
    {
        var paths = ConditionPaths.Of(CustomRule.Compile("change.after.name == 'bad' && !change.after_unknown.name"));

        Assert.False(paths.IsWhole);
        Assert.Equal(["change"], paths.Properties.Keys);
        Assert.Equal(["after", "after_unknown"], paths.Properties["change"].Properties.Keys.Order(StringComparer.Ordinal));
        Assert.True(paths.Properties["change"].Properties["after"].Properties["name"].IsWhole);
    }

    [Fact]
    public void Indexed_or_projected_attribute_is_read_whole()
    {
        var paths = ConditionPaths.Of(CustomRule.Compile("change.after.ingress[0].from_port == `22`"));

        Assert.True(paths.Properties["change"].Properties["after"].Properties["ingress"].IsWhole);
    }

    [Theory]
    [InlineData("$.change.after.name == 'bad'")]
    [InlineData("let $t = type in $t == 'bad'")]
    [InlineData("length(@) > `3`")]
    [InlineData("*.after.name")]
    public void Condition_that_can_reach_anything_reads_the_whole_change(string condition)
    {
        Assert.True(ConditionPaths.Of(CustomRule.Compile(condition)).IsWhole);
    }

    [Fact]
    public void Baseline_conditions_judge_every_fixture_resource_as_they_would_on_the_whole_change()
    {
        var rules = PolicySetFolder.Load(Path.Combine(Fixtures.RepoRoot, "policies", "baseline")).ResourceRules.OfType<CustomRule>()
            .Select(rule => (rule.Condition, Compiled: new CompiledCondition(rule.Condition), Paths: ConditionPaths.Of(CustomRule.Compile(rule.Condition))))
            .ToList();
        int compared = 0, narrowed = 0;
        foreach (var file in Fixtures.PlanFiles)
        {
            using var plan = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { MaxDepth = 256 });
            if (!plan.RootElement.TryGetProperty("resource_changes", out var changes))
            {
                continue;
            }

            foreach (var element in changes.EnumerateArray())
            {
                var whole = ConditionDocuments.Convert(element, ConditionPaths.Everything);
                foreach (var (condition, compiled, paths) in rules)
                {
                    var expected = Verdict(compiled, whole);
                    var actual = Verdict(compiled, ConditionDocuments.Convert(element, paths));
                    Assert.True(expected == actual, $"{condition} on {Path.GetFileName(file)} {ResourceChange.From(element, false).Address}: {expected} whole, {actual} narrowed");
                    compared++;
                    narrowed += paths.IsWhole ? 0 : 1;
                }
            }
        }

        Assert.True(narrowed > compared / 2, $"{narrowed} of {compared} evaluations narrowed");
    }

    private static string Verdict(CompiledCondition condition, Newtonsoft.Json.Linq.JToken document)
    {
        try
        {
            return JmesPathArgument.IsFalse(condition.Evaluate(document)) ? "false" : "true";
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return exception.GetType().Name;
        }
    }
}
