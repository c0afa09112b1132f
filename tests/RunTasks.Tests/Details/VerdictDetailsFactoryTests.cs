using RunTasks.Analysis.Engine;
using RunTasks.Api.Details;
using RunTasks.Grains.Details;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Tests.Details;

public sealed class VerdictDetailsFactoryTests
{
    [Fact]
    public void At_most_250_findings_are_kept_errors_first()
    {
        var findings = Enumerable.Range(0, 300).Select(i => new Finding("rule", Severity.Info, $"info.{i}", "d", "b"))
            .Append(new Finding("rule", Severity.Error, "the.error", "d", "b"))
            .ToList();

        var details = VerdictDetailsFactory.From(new AnalysisReport(false, "m", PlanSummary.Empty, findings), ["default"]);

        Assert.Equal(VerdictDetails.MaxFindings, details.Findings.Count);
        Assert.Equal("the.error", details.Findings[0].Address);
        Assert.Equal(FindingSeverity.Error, details.Findings[0].Severity);
        Assert.Equal(51, details.OmittedFindings);
    }

    [Fact]
    public void Plan_summary_and_policy_sets_are_kept()
    {
        var summary = new PlanSummary(2, 1, 1, 0, 0, ["aws_s3_bucket.old"], [], "1.0", "1.9.5", false);

        var details = VerdictDetailsFactory.From(new AnalysisReport(true, "m", summary, []), ["baseline", "prod"]);

        Assert.Equal((2, 1, 1, 0), (details.Plan.Create, details.Plan.Update, details.Plan.Delete, details.Plan.Replace));
        Assert.Equal(["aws_s3_bucket.old"], details.Plan.Deletions);
        Assert.Equal("1.9.5", details.Plan.TerraformVersion);
        Assert.Equal(["baseline", "prod"], details.PolicySets);
    }
}
