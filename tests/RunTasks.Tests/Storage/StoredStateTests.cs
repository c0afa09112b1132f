using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Lifecycle;

namespace RunTasks.Tests.Storage;

/// <summary>
/// Task results stored by an earlier version must still load: a fixed stored-JSON sample, as the PostgreSQL provider
/// keeps it, read with the silo's storage serializer. Renaming a property without its pinned name fails here.
/// </summary>
public sealed class StoredStateTests
{
    private static readonly SystemTextJsonGrainStorageSerializer Serializer = new(Options.Create(new SystemTextJsonGrainStorageSerializerOptions()));

    private static string Sample => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Storage", "stored-task-result.json"));

    [Fact]
    public void Stored_task_result_sample_loads_with_every_field()
    {
        var s = Serializer.Deserialize<TaskResultState>(BinaryData.FromString(Sample))!;

        var request = s.Request!;
        Assert.Equal(("taskrs-sample", "post_plan", "https://app.terraform.io/api/v2/task-results/1/callback"), (request.TaskResultId, request.Stage, request.CallbackUrl));
        Assert.Equal("https://app.terraform.io/api/v2/plans/plan-1/json-output", request.PlanJsonUrl);
        Assert.Equal("CfDJ8-ciphertext", request.AccessToken.Value);
        Assert.True(request.OutcomesSupported);
        Assert.Equal(("acme", "Default Project", "networking-prod", "run-1", "mandatory"), (request.OrganizationName, request.ProjectName, request.WorkspaceName, request.RunId, request.EnforcementLevel));
        Assert.True(request.IsSpeculative);
        Assert.Equal("https://app.terraform.io/app/acme/networking-prod/runs/run-1", request.RunAppUrl);
        Assert.Equal("https://app.terraform.io/app/acme/networking-prod", request.WorkspaceAppUrl);

        var t0 = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(TaskPhase.Done, s.Phase);
        Assert.Equal(t0, s.AcceptedAt);
        Assert.Equal(t0.AddSeconds(9), s.UpdatedAt);
        Assert.Equal(2, s.AnalysisAttempts);
        Assert.Equal("Checking plan", s.ProgressMessage);
        Assert.Equal(t0.AddSeconds(5), s.LastProgressAt);
        Assert.Equal(t0.AddMinutes(4), s.NextHeartbeatAt);
        Assert.Equal(3, s.CallbackAttempts);
        Assert.Equal(t0.AddSeconds(8), s.NextCallbackAt);
        Assert.Equal("final callback attempt 2: HTTP 503", s.LastError);
        Assert.Equal(DeliveryOutcome.Delivered, s.Delivery);
        Assert.Equal(t0.AddSeconds(9), s.CompletedAt);
        Assert.Equal(1, s.HeartbeatFailures);
        Assert.Equal(t0.AddMinutes(1), s.LeaseUntil);
        Assert.Equal("progress", s.Watchdog);
        Assert.Equal(7, s.Revision);
        Assert.Equal([new TaskEvent(t0, "Received post_plan request"), new TaskEvent(t0.AddSeconds(9), "Final status accepted by HCP Terraform")], s.History);

        var verdict = s.Verdict!;
        Assert.Equal((VerdictStatus.Failed, "1 error — aws_s3_bucket.logs would be destroyed"), (verdict.Status, verdict.Message));
        var outcome = Assert.Single(verdict.Outcomes);
        Assert.Equal(("destroy_guard:aws_s3_bucket.logs", "aws_s3_bucket.logs would be destroyed", "**Address** `aws_s3_bucket.logs`"), (outcome.OutcomeId, outcome.Description, outcome.Body));
        Assert.Equal(new OutcomeTag("Severity", "High", "error"), Assert.Single(outcome.Tags));
    }

    [Fact]
    public void Stored_names_do_not_follow_csharp_renames()
    {
        var written = Serializer.Serialize(new TaskResultState { NextCallbackAt = DateTimeOffset.UnixEpoch }).ToString();
        Assert.Contains("\"NextCallbackAt\"", written, StringComparison.Ordinal);
    }
}
