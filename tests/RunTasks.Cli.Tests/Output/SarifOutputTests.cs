using System.Text.Json;
using NJsonSchema;
using RunTasks.Analysis.Policies;
using RunTasks.Analysis.Tests;

namespace RunTasks.Cli.Tests.Output;

/// <summary><c>runtasks check --format sarif</c> writes SARIF 2.1.0 that the published schema accepts (issue 12 §3).</summary>
public sealed class SarifOutputTests
{
    private static readonly Lazy<Task<JsonSchema>> Schema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-2.1.0.json")));

    private static async Task<(int Exit, string Sarif)> CheckAsync(string fixture)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApplication.RunAsync(["check", TestPaths.Fixture(fixture), "--format", "sarif"], output, error, CancellationToken.None);
        return (exit, output.ToString());
    }

    [Theory]
    [InlineData("bridgecrewio__checkov__runner-55-aws-creates.json")]
    [InlineData("hashicorp__terraform-json__action-reason-replace.json")]
    [InlineData("GoogleCloudPlatform__terraform-validator__gcp-iam-binding-replace.json")]
    public async Task Sarif_output_is_valid_against_the_published_schema(string fixture)
    {
        var (_, sarif) = await CheckAsync(fixture);

        var errors = (await Schema.Value).Validate(sarif);

        Assert.Empty(errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task Schema_check_rejects_a_result_with_an_unknown_level()
    {
        var (_, sarif) = await CheckAsync("snyk__cli__destroy-8-aws.json");

        var errors = (await Schema.Value).Validate(sarif.Replace("\"level\": \"error\"", "\"level\": \"fatal\"", StringComparison.Ordinal));

        Assert.NotEmpty(errors);
    }

    [Fact]
    public async Task Sarif_results_carry_rule_level_message_and_resource_address()
    {
        var (exit, sarif) = await CheckAsync("snyk__cli__destroy-8-aws.json");

        Assert.Equal(1, exit);
        using var document = JsonDocument.Parse(sarif);
        var run = document.RootElement.GetProperty("runs")[0];
        var result = run.GetProperty("results")[0];
        Assert.Equal("destroy_guard", result.GetProperty("ruleId").GetString());
        Assert.Equal("error", result.GetProperty("level").GetString());
        Assert.Equal("aws_s3_bucket.terra_ci would be destroyed", result.GetProperty("message").GetProperty("text").GetString());
        var location = result.GetProperty("locations")[0];
        var logical = location.GetProperty("logicalLocations")[0];
        Assert.Equal(("aws_s3_bucket.terra_ci", "resource"), (logical.GetProperty("fullyQualifiedName").GetString(), logical.GetProperty("kind").GetString()));
        Assert.EndsWith("snyk__cli__destroy-8-aws.json", location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[result.GetProperty("ruleIndex").GetInt32()];
        Assert.Equal("destroy_guard", rule.GetProperty("id").GetString());
        Assert.Equal("error", rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.False(string.IsNullOrEmpty(rule.GetProperty("help").GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Sarif_lists_every_rule_that_ran()
    {
        var (_, sarif) = await CheckAsync("hashicorp__terraform-json__action-reason-replace.json");

        using var document = JsonDocument.Parse(sarif);
        var ids = document.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString());
        Assert.Equal(DefaultPolicies.Set.EnabledRules, ids);
    }

    [Fact]
    public async Task Sarif_from_a_hostile_plan_carries_no_markup_and_no_bidi_controls()
    {
        var plan = Path.Combine(Path.GetTempPath(), $"runtasks-hostile-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(plan, HostilePlan.Json());
        string sarif;
        try
        {
            (_, sarif) = await CheckAsync(plan);
        }
        finally
        {
            File.Delete(plan);
        }

        using var document = JsonDocument.Parse(sarif);
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, result =>
        {
            HostilePlan.AssertInert(result.GetProperty("message").GetProperty("markdown").GetString()!);
            Assert.DoesNotContain(HostilePlan.RightToLeftOverride, result.GetProperty("message").GetProperty("text").GetString()!);
            Assert.DoesNotContain(HostilePlan.RightToLeftOverride, result.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("name").GetString()!);
        });
    }
}
