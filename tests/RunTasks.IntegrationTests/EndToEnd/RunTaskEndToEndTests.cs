using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class RunTaskEndToEndTests(EndToEndFixture fx)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public static TheoryData<string> PlanFiles() => [.. Fixtures.PlanFiles.Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(PlanFiles))]
    public async Task Every_fixture_plan_gets_exactly_one_final_callback(string planFile)
    {
        var task = fx.Hcp.AddTask(Fixtures.Plan(planFile), absoluteRedirect: planFile.GetHashCode(StringComparison.Ordinal) % 2 == 0);

        var response = await fx.Api.PostAsync(fx.Hcp.Payload(task));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());

        var final = await task.FinalAsync(Wait);
        await fx.Api.WaitForDoneAsync(task.TaskResultId);
        Assert.Single(task.Finals);
        Assert.Equal(await EngineVerdictAsync(planFile), final.Status);
        Assert.Equal($"Bearer {task.Token}", final.Authorization);
        Assert.Equal("application/vnd.api+json", final.ContentType);
        var data = JsonNode.Parse(final.Body)!["data"]!;
        Assert.Equal("task-results", (string?)data["type"]);
        Assert.False(string.IsNullOrWhiteSpace(final.Message));
        Assert.StartsWith($"https://runtasks.example.com/task-results/{task.TaskResultId}?exp=", final.Url, StringComparison.Ordinal);
        Assert.Equal(0, fx.Hcp.PlanRequestsWithTokenOnRedirect);
        Assert.DoesNotContain(task.Token, fx.Api.Logs.Text, StringComparison.Ordinal);
    }

    /// <summary>What the policy engine itself says of the plan (its own tests pin each fixture's verdict).</summary>
    private static async Task<string> EngineVerdictAsync(string planFile)
    {
        await using var plan = new MemoryStream(Fixtures.Plan(planFile));
        var report = await new PlanAnalyzer(DefaultPolicies.Provider).AnalyzeAsync(plan, new EvaluationScope("acme", "Default Project", "networking-prod", "post_plan"), CancellationToken.None);
        return report.Passed ? "passed" : "failed";
    }

    [Fact]
    public async Task Result_ready_within_five_seconds_costs_hcp_terraform_exactly_one_request()
    {
        var task = fx.Hcp.AddTask(Fixtures.Plan("bridgecrewio__checkov__runner-55-aws-creates.json"));
        await fx.Api.PostAsync(fx.Hcp.Payload(task));
        await task.FinalAsync(Wait);
        await fx.Api.WaitForDoneAsync(task.TaskResultId);
        Assert.Empty(task.Running);
        Assert.Single(task.Accepted);
    }

    [Fact]
    public async Task Ten_concurrent_deliveries_of_one_request_give_one_callback()
    {
        var task = fx.Hcp.AddTask(Fixtures.Plan("bridgecrewio__checkov__create-before-destroy-replace.json"));
        var body = fx.Hcp.Payload(task);
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => fx.Api.PostAsync(body)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await task.FinalAsync(Wait);
        await fx.Api.WaitForDoneAsync(task.TaskResultId);
        Assert.Single(task.Finals);
        Assert.Equal(1, task.PlanRequests);
    }

    [Fact]
    public async Task Post_is_answered_before_the_plan_is_fetched()
    {
        var task = fx.Hcp.AddTask(Fixtures.Plan("aquasecurity__trivy__module-call-tf1.14.json"));
        task.PlanFaults.Enqueue(FakeTask.Hang);
        var response = await fx.Api.PostAsync(fx.Hcp.Payload(task));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(task.Finals);
        Assert.Equal("passed", (await task.FinalAsync(Wait)).Status);
    }

    [Fact]
    public async Task Bad_signature_is_401_and_leaves_nothing_behind()
    {
        var task = fx.Hcp.AddTask(Fixtures.Plan("aquasecurity__trivy__module-call-tf1.14.json"));
        var response = await fx.Api.PostAsync(fx.Hcp.Payload(task), signature: new string('a', 128));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingLeftAsync(task);
    }

    [Fact]
    public async Task Missing_signature_is_401()
    {
        var task = fx.Hcp.AddTask(Fixtures.Plan("aquasecurity__trivy__module-call-tf1.14.json"));
        var response = await fx.Api.PostAsync(fx.Hcp.Payload(task), signature: "");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingLeftAsync(task);
    }

    [Fact]
    public async Task Malformed_body_is_400_problem_details_and_leaves_nothing_behind()
    {
        var task = fx.Hcp.AddTask(Fixtures.Plan("aquasecurity__trivy__module-call-tf1.14.json"));
        var body = fx.Hcp.Payload(task);
        var truncated = body[..^5];
        var response = await fx.Api.PostAsync(truncated);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertNothingLeftAsync(task);
    }

    [Fact]
    public async Task Disallowed_callback_host_is_422_and_leaves_nothing_behind()
    {
        var task = fx.Hcp.AddTask(Fixtures.Plan("aquasecurity__trivy__module-call-tf1.14.json"));
        var payload = JsonNode.Parse(fx.Hcp.Payload(task))!.AsObject();
        payload["task_result_callback_url"] = "http://evil.example.com/api/v2/task-results/x/callback";
        var response = await fx.Api.PostAsync(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        await AssertNothingLeftAsync(task);
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        var response = await fx.Api.PostAsync(new byte[2 * 1024 * 1024]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Verification_request_is_200_and_calls_nothing()
    {
        var body = Fixtures.Request("gitrgoliveira__tfc-pipeline-run-task__test-stage-payload.json");
        var response = await fx.Api.PostAsync(body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Api.Http.GetAsync("/task-results/taskrs-xxxxxxxxxxxxxxxx")).StatusCode);
    }

    [Fact]
    public async Task Details_page_shows_the_result_without_the_token()
    {
        var task = fx.Hcp.AddTask(Fixtures.Plan("snyk__cli__destroy-8-aws.json"));
        await fx.Api.PostAsync(fx.Hcp.Payload(task));
        await task.FinalAsync(Wait);
        var json = await fx.Api.Http.GetStringAsync(fx.Api.DetailsPath(task.TaskResultId));
        Assert.Contains(task.TaskResultId, json, StringComparison.Ordinal);
        Assert.Contains("\"callbackAttempts\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain(task.Token, json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoint_answers_when_the_silo_is_up()
    {
        Assert.Equal(HttpStatusCode.OK, (await fx.Api.Http.GetAsync("/healthz")).StatusCode);
    }

    private async Task AssertNothingLeftAsync(FakeTask task)
    {
        // Refused before the hand-over: no grain holds it (404), so nothing can call HCP Terraform later.
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Api.Http.GetAsync(fx.Api.DetailsPath(task.TaskResultId))).StatusCode);
        Assert.Empty(task.Accepted);
        Assert.Empty(task.Refused);
        Assert.Equal(0, task.PlanRequests);
    }
}
