using System.Text.Json;
using RunTasks.Api.Protocol;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Lifecycle;
using RunTasks.Testing;

namespace RunTasks.Tests.Lifecycle;

[Collection(GrainClusterCollection.Name)]
public sealed class TaskResultGrainTests(GrainClusterFixture fx)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private RunTasksOptions Loopback => new() { AllowHttp = true, AllowedHosts = fx.Hcp.AllowedHosts };

    private ITaskResultGrain Grain(FakeTask task) => fx.Cluster.Client.GetGrain<ITaskResultGrain>(task.TaskResultId);

    private RunTaskRequest Request(FakeTask task) => RunTaskRequestReader.Read(fx.Hcp.Payload(task), Loopback).Request!;

    [Fact]
    public async Task Post_plan_result_gets_one_final_callback_with_the_verdict()
    {
        var task = fx.Hcp.AddTask(Fixtures.Plan("snyk__cli__destroy-8-aws.json"));
        Assert.Equal(SubmitResult.Accepted, await Grain(task).Submit(Request(task)));

        var final = await task.FinalAsync(Wait);
        Assert.Equal("failed", final.Status); // the default policy set guards S3 buckets against destruction
        Assert.Contains("destroy", final.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(final.OutcomeCount > 0);
        Assert.Equal($"Bearer {task.Token}", final.Authorization);
        Assert.Equal("application/vnd.api+json", final.ContentType);
        Assert.StartsWith($"https://runtasks.example.com/task-results/{task.TaskResultId}?exp=", final.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Result_ready_within_the_first_progress_window_costs_one_callback()
    {
        var task = fx.Hcp.AddTask(Fixtures.Plan("hashicorp__terraform-json__action-reason-replace.json"));
        await Grain(task).Submit(Request(task));
        await task.FinalAsync(Wait);
        await TaskResultWait.DoneAsync(fx.Cluster.Client, task.TaskResultId, Wait);
        Assert.Single(task.Accepted);
        Assert.Empty(task.Running);
    }

    [Fact]
    public async Task Repeated_submit_is_a_duplicate_and_calls_back_once()
    {
        var task = fx.Hcp.AddTask(Fixtures.Plan("aquasecurity__trivy__module-call-tf1.14.json"));
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Grain(task).Submit(Request(task))));
        Assert.Single(results, r => r == SubmitResult.Accepted);
        await task.FinalAsync(Wait);
        await TaskResultWait.DoneAsync(fx.Cluster.Client, task.TaskResultId, Wait);
        Assert.Single(task.Finals);
        Assert.Equal(SubmitResult.Duplicate, await Grain(task).Submit(Request(task)));
    }

    [Fact]
    public async Task Pre_plan_without_a_configuration_version_passes_saying_nothing_was_checked()
    {
        var task = fx.Hcp.AddTask(null, stage: "pre_plan");
        await Grain(task).Submit(Request(task));
        var final = await task.FinalAsync(Wait);
        Assert.Equal("passed", final.Status);
        Assert.Contains("configuration was not checked", final.Message, StringComparison.Ordinal);
        Assert.Equal(0, task.PlanRequests);
    }

    [Fact]
    public async Task Plan_that_cannot_be_fetched_fails_with_the_reason()
    {
        var task = fx.Hcp.AddTask(plan: null); // the fake answers 422, as HCP Terraform does for pre-0.12 plans
        await Grain(task).Submit(Request(task));
        var final = await task.FinalAsync(Wait);
        Assert.Equal("failed", final.Status);
        Assert.Contains("0.12", final.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_shows_the_lifecycle_but_never_the_token()
    {
        var task = fx.Hcp.AddTask(Fixtures.Plan("opentofu__opentofu__show-json-drift.json"));
        await Grain(task).Submit(Request(task));
        await task.FinalAsync(Wait);
        var snapshot = await TaskResultWait.DoneAsync(fx.Cluster.Client, task.TaskResultId, Wait);
        Assert.Equal(DeliveryOutcome.Delivered, snapshot.Delivery);
        Assert.Equal(1, snapshot.CallbackAttempts);
        Assert.DoesNotContain(task.Token, JsonSerializer.Serialize(snapshot), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_naming_a_host_the_silo_may_not_call_is_refused_by_the_grain_itself()
    {
        var task = fx.Hcp.AddTask(Fixtures.Plan("aquasecurity__trivy__module-call-tf1.14.json"));
        // As a client reaching the gateway directly could send it, without the Api's checks.
        var forged = Request(task) with { CallbackUrl = "https://collector.example.net/api/v2/task-results/1/callback" };
        Assert.Equal(SubmitResult.Refused, await Grain(task).Submit(forged));
        Assert.Null(await Grain(task).GetSnapshot());
    }

    [Fact]
    public async Task Verdict_reported_without_the_check_token_is_ignored()
    {
        var task = fx.Hcp.AddTask(Fixtures.Plan("snyk__cli__destroy-8-aws.json"));
        await Grain(task).Submit(Request(task));
        // A client that reached the cluster guesses the first attempt, as the attempt number alone once allowed.
        await fx.Cluster.Client.GetGrain<ITaskResultReports>(task.TaskResultId).ReportVerdict("1", new Verdict(VerdictStatus.Passed, "forged", []));

        var final = await task.FinalAsync(Wait);
        Assert.Equal("failed", final.Status);
        Assert.DoesNotContain("forged", final.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_task_result_has_no_snapshot()
    {
        Assert.Null(await fx.Cluster.Client.GetGrain<ITaskResultGrain>("taskrs-never-seen").GetSnapshot());
    }
}
