using System.Text;
using System.Text.Json;
using RunTasks.Configuration;
using RunTasks.Protocol;
using RunTasks.Testing;

namespace RunTasks.Tests.Protocol;

public sealed class RunTaskRequestReaderTests
{
    private static readonly RunTasksOptions Defaults = new();

    [Fact]
    public void Verification_request_is_recognised()
    {
        var result = RunTaskRequestReader.Read(Fixtures.Request("gitrgoliveira__tfc-pipeline-run-task__test-stage-payload.json"), Defaults);
        Assert.True(result.IsVerification);
        Assert.Null(result.Request);
    }

    [Fact]
    public void Pre_plan_request_has_no_plan_url()
    {
        var result = RunTaskRequestReader.Read(Fixtures.Request("gitrgoliveira__tfc-run-task-demo__pre-plan-payload.json"), Defaults);
        var request = Assert.IsType<TaskResults.RunTaskRequest>(result.Request);
        Assert.Equal("pre_plan", request.Stage);
        Assert.Null(request.PlanJsonUrl);
        Assert.False(request.OutcomesSupported);
    }

    [Fact]
    public void Request_from_2021_without_stage_is_post_plan()
    {
        var result = RunTaskRequestReader.Read(Fixtures.Request("moosterhof__tfc-runtask-lambda__post-plan-payload-2021.json"), Defaults);
        var request = Assert.IsType<TaskResults.RunTaskRequest>(result.Request);
        Assert.Equal("post_plan", request.Stage);
        Assert.Equal("taskrs-SrXPGNT2GzJzU25f", request.TaskResultId);
        Assert.StartsWith("https://app.terraform.io/api/v2/plans/", request.PlanJsonUrl);
    }

    [Fact]
    public void Captured_wire_body_is_read()
    {
        using var capture = JsonDocument.Parse(Fixtures.Request("MorganPeat__run-task-poc__lambda-event-post-plan-hmac.json"));
        var body = Encoding.UTF8.GetBytes(capture.RootElement.GetProperty("body").GetString()!);
        var request = Assert.IsType<TaskResults.RunTaskRequest>(RunTaskRequestReader.Read(body, Defaults).Request);
        Assert.Equal("taskrs-x3YrHcv3Ur6Xb3i1", request.TaskResultId);
        Assert.True(request.IsSpeculative);
        Assert.Equal("advisory", request.EnforcementLevel);
    }

    [Fact]
    public void Access_token_never_appears_in_the_request_text()
    {
        var request = RunTaskRequestReader.Read(Fixtures.Request("moosterhof__tfc-runtask-lambda__post-plan-payload-2021.json"), Defaults).Request!;
        Assert.DoesNotContain(request.AccessToken.Value, request.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"task_result_id\": 5}")]
    public void Malformed_body_is_400(string body)
    {
        Assert.Equal(400, RunTaskRequestReader.Read(Encoding.UTF8.GetBytes(body), Defaults).StatusCode);
    }

    [Theory]
    [InlineData("task_result_id")]
    [InlineData("task_result_callback_url")]
    [InlineData("access_token")]
    public void Missing_required_field_is_400_naming_it(string field)
    {
        var result = RunTaskRequestReader.Read(Without(field), Defaults);
        Assert.Equal(400, result.StatusCode);
        Assert.Contains(field, result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("task_result_callback_url", "https://evil.example.com/callback")]
    [InlineData("plan_json_api_url", "https://evil.example.com/plan")]
    [InlineData("plan_json_api_url", "http://app.terraform.io/api/v2/plans/p/json-output")]
    [InlineData("task_result_callback_url", "not a url")]
    public void Url_outside_the_allow_list_is_422(string field, string url)
    {
        var result = RunTaskRequestReader.Read(With(field, url), Defaults);
        Assert.Equal(422, result.StatusCode);
        Assert.Contains(field, result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_http_is_allowed_only_when_configured()
    {
        var options = new RunTasksOptions { AllowHttp = true, AllowedHosts = ["127.0.0.1"] };
        var body = With("task_result_callback_url", "http://127.0.0.1:5000/cb", ("plan_json_api_url", "http://127.0.0.1:5000/plan"));
        Assert.NotNull(RunTaskRequestReader.Read(body, options).Request);
    }

    private static byte[] Without(string field)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Fixtures.Request("moosterhof__tfc-runtask-lambda__post-plan-payload-2021.json"))!.AsObject();
        node.Remove(field);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static byte[] With(string field, string value, params (string Field, string Value)[] more)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Fixtures.Request("moosterhof__tfc-runtask-lambda__post-plan-payload-2021.json"))!.AsObject();
        node[field] = value;
        foreach (var (f, v) in more)
            node[f] = v;
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
