using System.Text.Json;
using RunTasks.PlanGenerator;

namespace RunTasks.Analysis.Tests.Plans;

public sealed class GeneratedPlanTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "runtasks-generated-" + Guid.NewGuid().ToString("N") + ".json");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task Generated_plan_is_read_completely_and_judged()
    {
        await using (var output = File.Create(_file))
        {
            await SyntheticPlan.WriteAsync(output, new SyntheticPlanOptions(1000), CancellationToken.None);
        }

        await using var input = File.OpenRead(_file);
        var report = await TestPlans.AnalyzeAsync(input);

        var summary = report.Summary;
        Assert.DoesNotContain(report.Findings, f => f.RuleId is "plan_unreadable" or "rule_failure");
        Assert.Equal(CountWithDom(), (summary.Create, summary.Update, summary.Delete, summary.Replace, summary.Read));
        Assert.False(report.Passed);
        Assert.Contains(report.Findings, f => f.RuleId == "blast_radius");
        Assert.All(report.Findings, f => Assert.DoesNotContain("synthetic-password", f.MarkdownBody, StringComparison.Ordinal));
    }

    // The test plan is small, so a whole-document DOM is an acceptable oracle here.
    private (int, int, int, int, int) CountWithDom()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(_file));
        var actions = document.RootElement.GetProperty("resource_changes").EnumerateArray()
            .Select(c => string.Join(",", c.GetProperty("change").GetProperty("actions").EnumerateArray().Select(a => a.GetString())))
            .ToList();
        return (
            actions.Count(a => a == "create"),
            actions.Count(a => a == "update"),
            actions.Count(a => a == "delete"),
            actions.Count(a => a is "delete,create" or "create,delete"),
            actions.Count(a => a == "read"));
    }
}
