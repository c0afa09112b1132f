using System.Text.Json;
using System.Text.Json.Serialization;
using RunTasks.Api.Details;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Tests.Details;

/// <summary>The JSON form of /task-results/{id}: the run, the check state and the findings, named in one style (issue 17).</summary>
public sealed class TaskResultJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    // As the Api configures minimal APIs: web defaults (camelCase) and snake_case enum values.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };

    [Fact]
    public void Json_form_carries_organisation_workspace_stage_and_findings()
    {
        var json = Serialize(Details());

        Assert.Equal("acme", json.GetProperty("organization").GetString());
        Assert.Equal("networking-prod", json.GetProperty("workspace").GetString());
        Assert.Equal("post_plan", json.GetProperty("stage").GetString());
        Assert.Equal("checked", json.GetProperty("check").GetString());
        var finding = json.GetProperty("findings")[0];
        Assert.Equal("public_storage", finding.GetProperty("ruleId").GetString());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal("aws_s3_bucket.logs", finding.GetProperty("address").GetString());
    }

    [Fact]
    public void Every_name_in_the_json_form_is_camel_case()
    {
        var json = Serialize(Details());

        Assert.All(Names(json), name => Assert.True(char.IsLower(name[0]) && !name.Contains('_', StringComparison.Ordinal), name));
        Assert.Equal("Received post_plan request", json.GetProperty("history")[0].GetProperty("what").GetString());
    }

    [Fact]
    public void Json_form_says_when_the_plan_was_not_checked()
    {
        var details = Details();
        details = details with { Snapshot = details.Snapshot with { Message = "Could not download the plan." }, Verdict = null };

        var json = Serialize(details);

        Assert.Equal("not_checked", json.GetProperty("check").GetString());
        Assert.Equal(DetailsSummary.NotCheckedHeadline, json.GetProperty("headline").GetString());
    }

    private static JsonElement Serialize(TaskResultDetails details) =>
        JsonSerializer.SerializeToElement(TaskResultJson.From(details), Options);

    private static IEnumerable<string> Names(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Names(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Names),
        _ => [],
    };

    private static TaskResultDetails Details()
    {
        var snapshot = new TaskResultSnapshot(
            "taskrs-abc", "post_plan", TaskPhase.Done, At, At.AddSeconds(5), At.AddHours(1), VerdictStatus.Failed, "1 error", 1, 1,
            DeliveryOutcome.Delivered, null, null, At.AddSeconds(5), 1, [new TaskEvent(At, "Received post_plan request")]);
        var verdict = new VerdictDetails(
            new PlanCounts(3, 0, 0, 1, 0, ["aws_s3_bucket.logs"], [], "1.9.0", false),
            [new FindingDetail("public_storage", FindingSeverity.Error, "aws_s3_bucket.logs", "aws_s3_bucket.logs is readable by anyone", "body", Why: "why", Fix: "fix")],
            ["security-baseline"],
            0);
        return new TaskResultDetails(snapshot, "acme", null, "networking-prod", "run-123", null, null, "mandatory", false, verdict);
    }
}
