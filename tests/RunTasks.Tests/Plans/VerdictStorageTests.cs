using RunTasks.Analysis.Engine;
using RunTasks.Grains.Callbacks;
using RunTasks.Grains.Details;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Plans;

namespace RunTasks.Tests.Plans;

/// <summary>A stored verdict holds what HCP Terraform is sent and the page shows, within a bounded size.</summary>
public sealed class VerdictStorageTests
{
    private static List<Finding> Findings(int count, int bodyLength = 10) =>
        [.. Enumerable.Range(0, count).Select(i => new Finding("rule", Severity.Error, $"aws_s3_bucket.b{i}", $"bucket {i}", new string('b', bodyLength)))];

    [Fact]
    public void Only_the_250_outcomes_sent_are_stored_the_last_counting_the_rest()
    {
        var outcomes = PolicyPlanAnalyzer.ToOutcomes(Findings(2000));

        Assert.Equal(CallbackDocument.MaxOutcomes, outcomes.Count);
        Assert.Equal("1751 more findings not listed here", outcomes[^1].Description);
        Assert.True(outcomes[^1].Body!.Length <= CallbackDocument.MaxBody);
    }

    [Fact]
    public void Outcome_ids_of_long_addresses_sharing_a_prefix_differ_within_64_characters()
    {
        var prefix = "module.tenants[\"" + new string('t', 100);
        List<Finding> findings = [new("public_storage", Severity.Error, prefix + "a\"].aws_s3_bucket.this", "d", "b"), new("public_storage", Severity.Error, prefix + "b\"].aws_s3_bucket.this", "d", "b")];

        var ids = PolicyPlanAnalyzer.ToOutcomes(findings).Select(o => o.OutcomeId).ToList();

        Assert.All(ids, id => Assert.Equal(CallbackDocument.MaxOutcomeId, id.Length));
        Assert.NotEqual(ids[0], ids[1]);
    }

    [Fact]
    public void Two_findings_of_one_rule_on_one_address_get_distinct_outcome_ids()
    {
        List<Finding> findings = [new("network_exposure", Severity.Error, "aws_security_group.web", "port 22 open", "b"), new("network_exposure", Severity.Error, "aws_security_group.web", "port 3389 open", "b")];

        var ids = PolicyPlanAnalyzer.ToOutcomes(findings).Select(o => o.OutcomeId).ToList();

        Assert.Equal(["network_exposure:aws_security_group.web", "network_exposure:aws_security_group.web#2"], ids);
    }

    [Fact]
    public void Outcome_bodies_stop_at_the_verdict_budget()
    {
        var outcomes = PolicyPlanAnalyzer.ToOutcomes(Findings(250, bodyLength: 10_000));

        Assert.True(outcomes.Sum(o => o.Body!.Length) <= VerdictDetailsFactory.MaxBodyCharacters + (250 * VerdictDetailsFactory.BodyNotKept.Length));
        Assert.Equal(VerdictDetailsFactory.BodyNotKept, outcomes[^1].Body);
        Assert.Equal(new string('b', 10_000), outcomes[0].Body);
    }

    [Fact]
    public void Page_findings_keep_bodies_within_the_budget_and_clip_addresses()
    {
        var findings = Findings(250, bodyLength: 10_000);
        findings[0] = findings[0] with { Address = "aws_s3_bucket.b[\"" + new string('k', 1_000_000) + "\"]" };

        var details = VerdictDetailsFactory.From(new AnalysisReport(false, "m", PlanSummary.Empty, findings), ["default"]);

        Assert.True(details.Findings.Sum(f => f.Body.Length) <= VerdictDetailsFactory.MaxBodyCharacters + (250 * VerdictDetailsFactory.BodyNotKept.Length));
        Assert.Equal(TextLimits.MaxAddress, details.Findings[0].Address.Length);
    }
}
