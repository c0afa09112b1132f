using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Engine;

/// <summary>The report names the policy sets its evaluation ran, so the page never asks the provider again later (issue 18).</summary>
public sealed class EvaluatedPolicySetTests
{
    [Fact]
    public async Task Report_names_the_sets_that_ran()
    {
        var policies = Policy("""
            name: baseline
            ---
            name: other-workspace
            scope: { workspaces: [staging-*] }
            """);

        var report = await AnalyzeAsync(Plan(Change("aws_instance", """["create"]""", "{}")), policies);

        Assert.Equal(["baseline"], report.PolicySets);
    }
}
