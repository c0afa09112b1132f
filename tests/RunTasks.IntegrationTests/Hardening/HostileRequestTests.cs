using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Hardening;

/// <summary>Crafted run task requests through the real endpoint: refused precisely, never echoed into the log.</summary>
public sealed class HostileRequestTests : IAsyncLifetime
{
    private FakeHcp _hcp = null!;
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _api = await ApiHost.StartAsync(_hcp);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _hcp.DisposeAsync();
    }

    private byte[] Payload(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(_hcp.Payload(_hcp.AddTask(Fixtures.Plan("snyk__cli__destroy-8-aws.json"))))!.AsObject();
        change(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    [Theory]
    [InlineData("stage", "post_plan\nwarning: Forged entry")]
    [InlineData("stage", "\u001b[31mForged entry")]
    [InlineData("task_result_id", "taskrs-x\nwarning: Forged entry")]
    public async Task Line_break_or_escape_in_a_logged_field_is_refused_and_never_logged(string field, string value)
    {
        using var response = await _api.PostAsync(Payload(p => p[field] = value));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"answered {response.StatusCode}");
        Assert.DoesNotContain("Forged", _api.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Forged", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_access_token_of_test_token_is_refused_not_answered_as_verification()
    {
        var body = Encoding.UTF8.GetString(Payload(_ => { }));
        using var response = await _api.PostAsync(Encoding.UTF8.GetBytes(body[..^1] + ",\"access_token\":\"test-token\"}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Verification request", _api.Logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_with_a_byte_order_mark_and_loosely_typed_unused_fields_is_checked()
    {
        var task = _hcp.AddTask(Fixtures.Plan("snyk__cli__destroy-8-aws.json"));
        var node = JsonNode.Parse(_hcp.Payload(task))!.AsObject();
        node["payload_version"] = "1";
        node["is_speculative"] = "false";
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(node.ToJsonString())];

        using var response = await _api.PostAsync(body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("failed", (await task.FinalAsync(TimeSpan.FromSeconds(30))).Status); // the plan destroys a bucket
    }
}
