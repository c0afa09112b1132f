using RunTasks.Grains.Callbacks;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.History;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Lifecycle;

namespace RunTasks.Tests.History;

/// <summary>What a finished task result's history entry says, from the state the lifecycle leaves.</summary>
public sealed class HistoryEntryBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly VerdictDetails Checked = new(
        new PlanCounts(2, 1, 0, 1, 0, [], [], "1.9.5", false),
        [new FindingDetail("s3_encryption", FindingSeverity.Error, "module.a[\"x.y\"].aws_s3_bucket.b[\"k\"]", "Bucket b is not encrypted", "body quoting the plan")],
        ["baseline"],
        0);

    /// <summary>A result checked, its final answered with <paramref name="answer"/>.</summary>
    private static TaskResultState Finished(CallbackResult answer, VerdictDetails? details = null)
    {
        var lifecycle = new TaskResultLifecycle(new RunTasksOptions());
        var s = new TaskResultState();
        lifecycle.Accept(s, new RunTaskRequest("taskrs-1", "post_plan", "https://app.terraform.io/cb", "https://app.terraform.io/plan", new AccessToken("secret-token"),
            true, "acme", "platform", "web", "run-1", "mandatory", false, Origin: new RunOrigin("ws-1", "https://github.com/acme/web", "main", "abc", null, null, "alice", "Triggered via UI")), T0);
        Assert.IsType<LifecycleStep.StartCheck>(lifecycle.Next(s, T0));
        Assert.True(TaskResultLifecycle.ApplyVerdict(s, s.CheckToken!, new Verdict(VerdictStatus.Failed, "1 error", [], details ?? Checked), T0.AddSeconds(2)));
        Assert.IsType<LifecycleStep.SendFinal>(lifecycle.Next(s, T0.AddSeconds(2)));
        Assert.True(lifecycle.ApplyCallbackResult(s, s.Sending!.Token, answer, T0.AddSeconds(3)));
        return s;
    }

    [Fact]
    public void A_final_accepted_as_sent_is_recorded_as_accepted_with_the_run_and_its_findings()
    {
        var entry = HistoryEntryBuilder.From(Finished(new CallbackResult(CallbackResultKind.Accepted, 200, "HTTP 200")))!;

        Assert.Equal((HistoryDelivery.Accepted, HistoryVerdict.Failed, "ws-1", "alice", 1, 2), (entry.Run.Delivery, entry.Run.Verdict, entry.Run.WorkspaceId, entry.Run.RunCreatedBy, entry.Run.Errors, entry.Run.PlanCreate));
        var finding = Assert.Single(entry.Findings);
        Assert.Equal(("s3_encryption", "aws_s3_bucket", "Bucket b is not encrypted"), (finding.RuleId, finding.ResourceType, finding.Title));
    }

    [Fact]
    public void A_final_answered_409_is_recorded_as_already_final()
    {
        var entry = HistoryEntryBuilder.From(Finished(new CallbackResult(CallbackResultKind.AlreadyFinal, 409, "HTTP 409: already final")))!;

        Assert.Equal(HistoryDelivery.AlreadyFinal, entry.Run.Delivery);
    }

    [Fact]
    public void A_verdict_given_without_judging_the_plan_is_errored()
    {
        var notChecked = Checked with { Findings = [], NotChecked = true };

        var entry = HistoryEntryBuilder.From(Finished(new CallbackResult(CallbackResultKind.Accepted, 200, "HTTP 200"), notChecked))!;

        Assert.Equal(HistoryVerdict.Errored, entry.Run.Verdict);
    }

    [Fact]
    public void An_unfinished_task_result_has_nothing_to_record()
    {
        var s = new TaskResultState();
        new TaskResultLifecycle(new RunTasksOptions()).Accept(s, new RunTaskRequest("taskrs-1", "post_plan", "https://x/cb", "https://x/plan", new AccessToken("t"), true, null, null, null, null, null, false), T0);

        Assert.Null(HistoryEntryBuilder.From(s));
    }

    [Theory]
    [InlineData("aws_s3_bucket.b", "aws_s3_bucket")]
    [InlineData("data.aws_iam_policy_document.p", "aws_iam_policy_document")]
    [InlineData("module.net[\"a.b\"].module.inner.aws_vpc.main[0]", "aws_vpc")]
    [InlineData("aws_s3_bucket.b[\"=HYPERLINK(\\\"x\\\")\"]", "aws_s3_bucket")]
    [InlineData("module.m", null)]
    public void The_resource_type_is_read_from_the_address(string address, string? type) =>
        Assert.Equal(type, HistoryEntryBuilder.ResourceTypeOf(address));
}
