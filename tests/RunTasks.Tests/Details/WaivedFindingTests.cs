using System.Text.Json;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using RunTasks.Api.Details;
using RunTasks.Grains.Details;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Plans;

namespace RunTasks.Tests.Details;

/// <summary>A waived finding is shown as waived, never hidden: in the outcome, the stored details and the details page.</summary>
public sealed class WaivedFindingTests
{
    private static readonly DateTimeOffset At = new(2027, 1, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly Waiver Sec1234 = new(
        "SEC-1234", "network_exposure", ["module.edge.aws_security_group.bastion"], [], [], ["prod-edge"], [],
        "Bastion <b>takes</b> SSH until the VPN is live.", "team-edge@acme.example", "security@acme.example",
        "https://jira.acme.example/browse/SEC-1234", "2027-03-31", new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly Finding Waived = new(
        "network_exposure", Severity.Error, "module.edge.aws_security_group.bastion", "module.edge.aws_security_group.bastion allows ingress from 0.0.0.0/0 to 22 (SSH)", "**body**", WaivedBy: Sec1234);

    [Fact]
    public void A_waived_outcome_keeps_its_severity_and_says_waived_naming_the_waiver()
    {
        var outcome = PolicyPlanAnalyzer.ToOutcome(Waived);

        Assert.Equal(
            [new OutcomeTag("Severity", "High", "error"), new OutcomeTag("Status", "Waived", "none"), new OutcomeTag("Rule", "network_exposure", "none"), new OutcomeTag("Waiver", "SEC-1234", "none")],
            outcome.Tags);
    }

    [Fact]
    public void The_stored_details_keep_the_waiver()
    {
        var report = new AnalysisReport(true, "Passed — 1 finding waived: SEC-1234", PlanSummary.Empty, [Waived]);

        var detail = Assert.Single(VerdictDetailsFactory.From(report, ["guardrails"]).Findings);

        Assert.Equal(new WaiverDetail("SEC-1234", Sec1234.Reason, "team-edge@acme.example", "security@acme.example", Sec1234.Ticket, "2027-03-31 (end of day, UTC)"), detail.Waiver);
    }

    [Fact]
    public void The_details_page_shows_waived_findings_in_their_own_section_with_the_waiver()
    {
        var html = DetailsPage.Render(Details([FindingDetails.From(Waived)]), At);

        var section = html[html.IndexOf("<section class=\"waived\">", StringComparison.Ordinal)..];
        Assert.Contains("<h2>Waived (1)</h2>", section, StringComparison.Ordinal);
        Assert.Contains("SEC-1234", section, StringComparison.Ordinal);
        Assert.Contains("security@acme.example", section, StringComparison.Ordinal);
        Assert.Contains("2027-03-31 (end of day, UTC)", section, StringComparison.Ordinal);
        Assert.Contains("Bastion &lt;b&gt;takes&lt;/b&gt; SSH", section, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_whose_findings_are_all_waived_shows_nothing_open()
    {
        var html = DetailsPage.Render(Details([FindingDetails.From(Waived)]), At);

        Assert.Contains("<h2>Findings (0)</h2><p>Nothing open: every finding of this plan is waived (below).</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_headline_counts_waived_findings_apart_from_errors()
    {
        var details = Details([FindingDetails.From(Waived)]);

        Assert.Equal("1 waived", DetailsSummary.Headline(details));
    }

    [Fact]
    public void The_json_form_carries_the_waiver_of_a_waived_finding()
    {
        var json = JsonSerializer.SerializeToElement(TaskResultJson.From(Details([FindingDetails.From(Waived)])), new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var waiver = json.GetProperty("findings")[0].GetProperty("waiver");
        Assert.Equal(("SEC-1234", "security@acme.example"), (waiver.GetProperty("id").GetString(), waiver.GetProperty("approvedBy").GetString()));
    }

    private static TaskResultDetails Details(IReadOnlyList<FindingDetail> findings)
    {
        var snapshot = new TaskResultSnapshot(
            "taskrs-abc", "post_plan", TaskPhase.Done, At, At.AddSeconds(5), At.AddHours(1), VerdictStatus.Passed, "Passed — 1 finding waived: SEC-1234", 1, 1,
            DeliveryOutcome.Delivered, null, null, At.AddSeconds(5), 1, [new TaskEvent(At, "Received post_plan request")]);
        var verdict = new VerdictDetails(new PlanCounts(1, 0, 0, 0, 0, [], [], "1.9.0", false), findings, ["guardrails"], 0);
        return new TaskResultDetails(snapshot, "acme", null, "prod-edge", "run-123", null, null, "mandatory", false, verdict);
    }
}
