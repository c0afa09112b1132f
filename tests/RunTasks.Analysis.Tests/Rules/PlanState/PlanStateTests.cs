namespace RunTasks.Analysis.Tests.Rules.PlanState;

/// <summary>plan_errored and drift: what Terraform itself says about the plan.</summary>
public sealed class PlanStateTests
{
    [Fact]
    public async Task Drift_without_address_is_named_from_module_type_name_and_index()
    {
        var json = """
            {"format_version":"0.1","resource_drift":[{"module_address":"module.app","mode":"managed","type":"aws_instance","name":"web","index":"blue","change":{"actions":["update"],"before":{},"after":{}}}],
             "resource_changes":[{"address":"aws_instance.x[0]","index":0,"mode":"managed","type":"aws_instance","name":"x","change":{"actions":["no-op"],"before":{},"after":{}}}]}
            """;

        var report = await TestPlans.AnalyzeAsync(json);

        var drift = Assert.Single(report.Of("drift"));
        Assert.Contains("`module.app.aws_instance.web[\"blue\"]`", drift.MarkdownBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errored_plan_fails()
    {
        var report = await TestPlans.AnalyzeAsync("""{"format_version":"1.2","resource_changes":[],"errored":true,"complete":false}""");

        Assert.False(report.Passed);
        Assert.True(report.Summary.Errored);
        Assert.Equal(2, report.Of("plan_errored").Count());
    }

    [Fact]
    public async Task Complete_plan_that_did_not_error_passes()
    {
        var report = await TestPlans.AnalyzeAsync("""{"format_version":"1.2","resource_changes":[],"errored":false,"complete":true,"applyable":false}""");

        Assert.True(report.Passed);
        Assert.Empty(report.Findings);
    }
}
