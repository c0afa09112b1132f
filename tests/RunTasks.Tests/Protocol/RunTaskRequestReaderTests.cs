using System.Text;
using System.Text.Json;
using RunTasks.Api.Protocol;
using RunTasks.Grains.Configuration;
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
        var request = Assert.IsType<Grains.Interfaces.TaskResults.RunTaskRequest>(result.Request);
        Assert.Equal("pre_plan", request.Stage);
        Assert.Null(request.PlanJsonUrl);
        Assert.False(request.OutcomesSupported);
    }

    [Fact]
    public void Request_from_2021_without_stage_is_post_plan()
    {
        var result = RunTaskRequestReader.Read(Fixtures.Request("moosterhof__tfc-runtask-lambda__post-plan-payload-2021.json"), Defaults);
        var request = Assert.IsType<Grains.Interfaces.TaskResults.RunTaskRequest>(result.Request);
        Assert.Equal("post_plan", request.Stage);
        Assert.Equal("taskrs-SrXPGNT2GzJzU25f", request.TaskResultId);
        Assert.StartsWith("https://app.terraform.io/api/v2/plans/", request.PlanJsonUrl);
    }

    [Fact]
    public void Captured_wire_body_is_read()
    {
        using var capture = JsonDocument.Parse(Fixtures.Request("MorganPeat__run-task-poc__lambda-event-post-plan-hmac.json"));
        var body = Encoding.UTF8.GetBytes(capture.RootElement.GetProperty("body").GetString()!);
        var request = Assert.IsType<Grains.Interfaces.TaskResults.RunTaskRequest>(RunTaskRequestReader.Read(body, Defaults).Request);
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
    [InlineData("{\"task_result_id\": \"taskrs-x\"")]
    [InlineData("{\"task_result_id\": \"taskrs-x\"} {}")]
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
        var options = new RunTasksOptions { AllowHttp = true, AllowedHosts = ["127.0.0.1:5000"] };
        var body = With("task_result_callback_url", "http://127.0.0.1:5000/cb", ("plan_json_api_url", "http://127.0.0.1:5000/plan"));
        Assert.NotNull(RunTaskRequestReader.Read(body, options).Request);
    }

    [Theory]
    [InlineData("http://127.0.0.1:22/cb")]
    [InlineData("http://127.0.0.1:5001/cb")]
    public void Port_the_allow_list_does_not_name_is_422(string url)
    {
        var options = new RunTasksOptions { AllowHttp = true, AllowedHosts = ["127.0.0.1", "127.0.0.1:5000"] };
        var result = RunTaskRequestReader.Read(With("task_result_callback_url", url), options);
        Assert.Equal(422, result.StatusCode);
        Assert.Contains("port", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://app.terraform.io/api/v2/task-results/x/callback", "app.terraform.io")]
    [InlineData("https://app.terraform.io:443/api/v2/task-results/x/callback", "app.terraform.io")]
    [InlineData("https://tfe.internal:8443/api/v2/task-results/x/callback", "tfe.internal:8443")]
    [InlineData("http://[::1]:5123/cb", "[::1]:5123")]
    public void Default_port_or_the_named_port_is_allowed(string url, string entry)
    {
        var options = new RunTasksOptions { AllowHttp = true, AllowedHosts = [entry] };
        var body = With("task_result_callback_url", url, ("plan_json_api_url", ""));
        Assert.NotNull(RunTaskRequestReader.Read(body, options).Request);
    }

    [Theory]
    [InlineData("taskrs-x\n")]
    [InlineData("taskrs-x\r\nwarn: forged")]
    [InlineData("taskrs x")]
    public void Task_result_id_with_a_line_break_or_space_is_refused(string id)
    {
        var result = RunTaskRequestReader.Read(With("task_result_id", id), Defaults);
        Assert.Equal(400, result.StatusCode);
        Assert.Null(result.Request);
    }

    [Theory]
    [InlineData("post_plan\nwarn: Forged entry")]
    [InlineData("\u001b[31mpost_plan")]
    [InlineData("deploy")]
    [InlineData("POST_PLAN")]
    public void Unknown_stage_is_422_naming_the_stages_without_echoing_it(string stage)
    {
        var result = RunTaskRequestReader.Read(With("stage", stage), Defaults);
        Assert.Equal(422, result.StatusCode);
        Assert.Contains("pre_plan, post_plan, pre_apply, post_apply", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(stage, result.Detail + result.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_stage_is_only_for_the_verification_request()
    {
        Assert.Equal(422, RunTaskRequestReader.Read(With("stage", "test"), Defaults).StatusCode);
    }

    [Fact]
    public void Huge_stage_is_refused_without_echoing_it()
    {
        var result = RunTaskRequestReader.Read(With("stage", new string('x', 500_000)), Defaults);
        Assert.Equal(422, result.StatusCode);
        Assert.True(result.Detail!.Length < 200);
    }

    [Theory]
    [InlineData("pre_plan", "pre_plan")]
    [InlineData("post_plan", "post_plan")]
    [InlineData("pre_apply", "pre_apply")]
    [InlineData("post_apply", "post_apply")]
    [InlineData("post-plan", "post_plan")]
    public void Documented_stages_are_accepted(string stage, string expected)
    {
        var request = RunTaskRequestReader.Read(With("stage", stage), Defaults).Request;
        Assert.Equal(expected, request?.Stage);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_skipped()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Fixtures.Request("moosterhof__tfc-runtask-lambda__post-plan-payload-2021.json")];
        Assert.Equal("taskrs-SrXPGNT2GzJzU25f", RunTaskRequestReader.Read(body, Defaults).Request?.TaskResultId);
    }

    [Theory]
    [InlineData("payload_version", "\"1\"")]
    [InlineData("is_speculative", "\"false\"")]
    [InlineData("capabilities", "true")]
    [InlineData("capabilities", "[1, 2]")]
    [InlineData("run_created_at", "12345")]
    [InlineData("workspace_name", "{\"nested\": true}")]
    [InlineData("vcs_branch", "null")]
    public void Field_of_unexpected_type_that_is_not_needed_is_ignored(string field, string json)
    {
        var result = RunTaskRequestReader.Read(Raw(field, json), Defaults);
        Assert.Equal(200, result.StatusCode);
        Assert.NotNull(result.Request);
    }

    [Fact]
    public void Speculative_flag_written_as_a_string_is_understood()
    {
        Assert.True(RunTaskRequestReader.Read(Raw("is_speculative", "\"true\""), Defaults).Request!.IsSpeculative);
    }

    [Theory]
    [InlineData("task_result_callback_url", "42")]
    [InlineData("access_token", "[\"a\"]")]
    [InlineData("stage", "true")]
    [InlineData("plan_json_api_url", "{}")]
    public void Field_that_decides_what_is_called_must_be_a_string(string field, string json)
    {
        var result = RunTaskRequestReader.Read(Raw(field, json), Defaults);
        Assert.Equal(400, result.StatusCode);
        Assert.Contains(field, result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_and_workspace_links_are_passed_on()
    {
        var request = RunTaskRequestReader.Read(Fixtures.Request("moosterhof__tfc-runtask-lambda__post-plan-payload-2021.json"), Defaults).Request!;
        Assert.Equal("https://app.terraform.io/app/moosterhof/hashicat-aws/runs/run-GYkSW1pFfdWN76nD", request.RunAppUrl);
        Assert.Equal("https://app.terraform.io/app/moosterhof/hashicat-aws", request.WorkspaceAppUrl);
    }

    [Fact]
    public void Blank_plan_url_means_there_is_none()
    {
        var result = RunTaskRequestReader.Read(With("plan_json_api_url", ""), Defaults);
        Assert.Equal(200, result.StatusCode);
        Assert.Null(result.Request!.PlanJsonUrl);
    }

    [Fact]
    public void Second_access_token_of_test_token_is_refused_not_taken_for_verification()
    {
        var body = Append("\"access_token\": \"test-token\"");
        var result = RunTaskRequestReader.Read(body, Defaults);
        Assert.False(result.IsVerification);
        Assert.Equal(400, result.StatusCode);
        Assert.Contains("access_token", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"task_result_id\": \"taskrs-other\"")]
    [InlineData("\"Task_Result_Callback_Url\": \"https://app.terraform.io/api/v2/task-results/y/callback\"")]
    [InlineData("\"plan_json_api_url\": \"https://app.terraform.io/api/v2/plans/p2/json-output\"")]
    [InlineData("\"run_id\": \"run-other\"")]
    [InlineData("\"capabilities\": {\"outcomes\": true, \"outcomes\": false}")]
    [InlineData("\"acc\\u0065ss_token\": \"other\"")]
    public void Duplicate_of_a_field_RunTasks_uses_is_400(string duplicate)
    {
        Assert.Equal(400, RunTaskRequestReader.Read(Append(duplicate), Defaults).StatusCode);
    }

    [Fact]
    public void Duplicate_stage_is_400()
    {
        var body = Encoding.UTF8.GetString(With("stage", "post_plan"));
        Assert.Equal(400, RunTaskRequestReader.Read(Encoding.UTF8.GetBytes(body[..^1] + ",\"stage\":\"pre_plan\"}"), Defaults).StatusCode);
    }

    [Fact]
    public void Duplicate_of_a_field_RunTasks_does_not_use_is_ignored()
    {
        Assert.Equal(200, RunTaskRequestReader.Read(Append("\"run_created_at\": \"again\""), Defaults).StatusCode);
    }

    /// <summary>The 2021 request with one field replaced by raw JSON text.</summary>
    private static byte[] Raw(string field, string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Fixtures.Request("moosterhof__tfc-runtask-lambda__post-plan-payload-2021.json"))!.AsObject();
        node[field] = System.Text.Json.Nodes.JsonNode.Parse(json);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    /// <summary>The 2021 request with one more member written after the others (JSON objects may repeat names).</summary>
    private static byte[] Append(string member)
    {
        var text = Encoding.UTF8.GetString(Fixtures.Request("moosterhof__tfc-runtask-lambda__post-plan-payload-2021.json")).TrimEnd();
        return Encoding.UTF8.GetBytes(text[..^1] + ", " + member + "}");
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
        {
            node[f] = v;
        }

        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
