using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RunTasks.Grains.Callbacks;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Tests.Callbacks;

public sealed class CallbackDocumentTests
{
    // go-tfe's TestTaskResultsCallbackRequestOptions_Marshal expectation (protocol spec C1), with its "Cost Centre" tag key
    // written as HCP Terraform's schema requires (^[A-Za-z_][A-Za-z0-9_]*$).
    private const string GoTfeExpected = """
        {"data":{"type":"task-results","attributes":{"message":"4 passed, 0 skipped, 0 failed","status":"passed","url":"https://external.service.dev/terraform-plan-checker/run-i3Df5to9ELvibKpQ"},"relationships":{"outcomes":{"data":[{"type":"task-result-outcomes","attributes":{"body":"# Resolution for issue ST-2942\n\n## Impact\n\nFollow instructions in the [AWS S3 docs](https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html) to manually configure the MFA setting.\n—-- Payload truncated —--","description":"ST-2942:S3 Bucket will not enforce MFA login on delete requests","outcome-id":"PRTNR-CC-TF-127","tags":{"Cost_Centre":[{"label":"IT-OPS"}],"Severity":[{"label":"High","level":"error"},{"label":"Recoverable","level":"info"}],"Status":[{"label":"Denied","level":"error"}]}}}]}}}}
        """;

    [Fact]
    public void Document_has_the_shape_go_tfe_sends()
    {
        var outcome = new Outcome(
            "PRTNR-CC-TF-127",
            "ST-2942:S3 Bucket will not enforce MFA login on delete requests",
            "# Resolution for issue ST-2942\n\n## Impact\n\nFollow instructions in the [AWS S3 docs](https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html) to manually configure the MFA setting.\n—-- Payload truncated —--",
            [new("Cost Centre", "IT-OPS", "none"), new("Severity", "High", "error"), new("Severity", "Recoverable", "info"), new("Status", "Denied", "error")]);
        var written = CallbackDocument.Write("passed", "4 passed, 0 skipped, 0 failed", "https://external.service.dev/terraform-plan-checker/run-i3Df5to9ELvibKpQ", [outcome]);

        var expected = JsonNode.Parse(GoTfeExpected)!;
        // go-tfe omits a "none" level; sending it explicitly is the documented default.
        expected["data"]!["relationships"]!["outcomes"]!["data"]![0]!["attributes"]!["tags"]!["Cost_Centre"]![0]!["level"] = "none";
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(written)), Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void Status_only_document_has_no_relationships()
    {
        var written = JsonNode.Parse(CallbackDocument.Write("running", "Fetching plan", null, null))!;
        Assert.Equal("task-results", (string?)written["data"]!["type"]);
        Assert.Equal("running", (string?)written["data"]!["attributes"]!["status"]);
        Assert.Null(written["data"]!["relationships"]);
        Assert.Null(written["data"]!["attributes"]!["url"]);
    }

    [Fact]
    public void Message_is_clipped_to_1000_characters()
    {
        var written = JsonNode.Parse(CallbackDocument.Write("failed", new string('x', 5000), null, null))!;
        Assert.Equal(1000, ((string?)written["data"]!["attributes"]!["message"])!.Length);
    }

    [Fact]
    public void More_than_250_outcomes_are_grouped_into_the_last_one()
    {
        var outcomes = Enumerable.Range(0, 300).Select(i => new Outcome($"id-{i}", $"finding {i}", null, [])).ToList();
        var written = JsonNode.Parse(CallbackDocument.Write("failed", "many", null, outcomes))!;
        var data = written["data"]!["relationships"]!["outcomes"]!["data"]!.AsArray();
        Assert.Equal(250, data.Count);
        Assert.Contains("51 more findings", (string?)data[249]!["attributes"]!["description"], StringComparison.Ordinal);
    }

    [Fact]
    public void Outcome_fields_keep_to_the_limits()
    {
        var outcome = new Outcome(new string('i', 100), new string('d', 2000), new string('b', 20_000),
            [new("Severity", new string('l', 50), "bogus"), .. Enumerable.Range(0, 15).Select(i => new OutcomeTag($"k{i}", "v", "info"))]);
        var attributes = JsonNode.Parse(CallbackDocument.Write("failed", "m", null, [outcome]))!["data"]!["relationships"]!["outcomes"]!["data"]![0]!["attributes"]!;
        Assert.Equal(64, ((string?)attributes["outcome-id"])!.Length);
        Assert.Equal(1000, ((string?)attributes["description"])!.Length);
        Assert.Equal(10_000, ((string?)attributes["body"])!.Length);
        var tags = attributes["tags"]!.AsObject();
        Assert.Equal(10, tags.Count);
        Assert.Equal(32, ((string?)tags["Severity"]![0]!["label"])!.Length);
        Assert.Equal("none", (string?)tags["Severity"]![0]!["level"]);
    }

    [Fact]
    public void Real_callback_body_outcome_ids_and_tags_fit_the_limits()
    {
        using var real = JsonDocument.Parse(Testing.Fixtures.Request("gautambaghel__terraform-scanner-runtask-action__callback-body-outcomes.json"));
        foreach (var item in real.RootElement.GetProperty("data").GetProperty("relationships").GetProperty("outcomes").GetProperty("data").EnumerateArray())
        {
            var attributes = item.GetProperty("attributes");
            var tags = attributes.GetProperty("tags").EnumerateObject()
                .SelectMany(t => t.Value.EnumerateArray().Select(l => new OutcomeTag(t.Name, l.GetProperty("label").GetString()!, l.TryGetProperty("level", out var lv) ? lv.GetString()! : "none")))
                .ToList();
            var outcome = new Outcome(attributes.GetProperty("outcome-id").GetString()!, attributes.GetProperty("description").GetString()!, attributes.GetProperty("body").GetString(), tags);
            var written = JsonNode.Parse(CallbackDocument.Write("failed", "6 issues found", null, [outcome]))!["data"]!["relationships"]!["outcomes"]!["data"]![0]!["attributes"]!;
            Assert.Equal(outcome.OutcomeId, (string?)written["outcome-id"]);
            Assert.Equal(tags.Select(t => t.Key).Distinct().Count(), written["tags"]!.AsObject().Count);
        }
    }

    [Fact]
    public void Bidi_controls_in_message_description_and_body_are_sent_as_visible_escapes()
    {
        var outcome = new Outcome("destroy_guard:x", "aws_s3_bucket.b[\"safe\u202Etxt.exe\u202C\"] would be destroyed", "### b\u2066c\u2069", []);

        var written = Encoding.UTF8.GetString(CallbackDocument.Write("failed", "workspace prod\u202Edorp failed", null, [outcome]));

        var attributes = JsonNode.Parse(written)!["data"]!["relationships"]!["outcomes"]!["data"]![0]!["attributes"]!;
        Assert.Equal("workspace prod<U+202E>dorp failed", (string?)JsonNode.Parse(written)!["data"]!["attributes"]!["message"]);
        Assert.Equal("aws_s3_bucket.b[\"safe<U+202E>txt.exe<U+202C>\"] would be destroyed", (string?)attributes["description"]);
        Assert.Equal("### b<U+2066>c<U+2069>", (string?)attributes["body"]);
    }

    [Fact]
    public void Descriptions_listed_in_the_overflow_outcome_cannot_add_markup()
    {
        var outcomes = Enumerable.Range(0, 260)
            .Select(i => new Outcome($"o{i}", $"x{i}\n\n## WAIVED [link](https://evil.example)", null, []))
            .ToList();

        var last = CallbackDocument.Limit(outcomes)[^1];

        Assert.DoesNotContain("\n## WAIVED", last.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("[link](", last.Body, StringComparison.Ordinal);
    }
}
