using RunTasks.Analysis.Engine;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Plans;

namespace RunTasks.Tests.Plans;

public sealed class OutcomeMappingTests
{
    [Theory]
    [InlineData(Severity.Error, "High", "Denied", "error")]
    [InlineData(Severity.Warning, "Medium", "Review", "warning")]
    [InlineData(Severity.Info, "Low", "Info", "info")]
    public void Finding_becomes_an_outcome_with_severity_status_and_rule_tags(Severity severity, string label, string status, string level)
    {
        var outcome = PolicyPlanAnalyzer.ToOutcome(new Finding("destroy_guard", severity, "aws_s3_bucket.logs", "aws_s3_bucket.logs would be destroyed", "**body**"));

        Assert.Equal("destroy_guard:aws_s3_bucket.logs", outcome.OutcomeId);
        Assert.Equal("aws_s3_bucket.logs would be destroyed", outcome.Description);
        Assert.Equal("**body**", outcome.Body);
        Assert.Equal([new OutcomeTag("Severity", label, level), new OutcomeTag("Status", status, level), new OutcomeTag("Rule", "destroy_guard", "none")], outcome.Tags);
    }
}
