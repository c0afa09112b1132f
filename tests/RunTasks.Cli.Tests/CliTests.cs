using System.Text.Json;
using RunTasks.Analysis.Tests;

namespace RunTasks.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private const string AcmeOnly = "name: acme-only\nscope: { organizations: [acme] }\n";

    private static readonly string FailingPlan = TestPaths.Fixture("snyk__cli__destroy-8-aws.json");

    private readonly DirectoryInfo _policies = Directory.CreateTempSubdirectory("runtasks-cli-policies-");

    public void Dispose() => _policies.Delete(recursive: true);

    private string WritePolicy(string text)
    {
        File.WriteAllText(Path.Combine(_policies.FullName, "team.yaml"), text);
        return _policies.FullName;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApplication.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Failing_plan_exits_with_one_and_lists_findings()
    {
        var (exit, output, _) = await RunAsync("check", TestPaths.Fixture("snyk__cli__destroy-8-aws.json"));

        Assert.Equal(1, exit);
        Assert.Contains("ERROR   [destroy_guard] aws_s3_bucket.terra_ci would be destroyed", output, StringComparison.Ordinal);
        Assert.Contains("FAILED: 1 error", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passing_plan_exits_with_zero()
    {
        var (exit, output, _) = await RunAsync("check", TestPaths.Fixture("hashicorp__terraform-json__action-reason-replace.json"));

        Assert.Equal(0, exit);
        Assert.Contains("PASSED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_format_is_machine_readable()
    {
        var (_, output, _) = await RunAsync("check", TestPaths.Fixture("snyk__cli__destroy-8-aws.json"), "--format", "json");

        using var document = JsonDocument.Parse(output);
        Assert.False(document.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal("error", document.RootElement.GetProperty("findings")[0].GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Policy_directory_is_used()
    {
        var directory = Directory.CreateTempSubdirectory("runtasks-cli-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "lenient.yaml"), "rules: { destroy_guard: { enforcement: warning } }");

            var (exit, _, _) = await RunAsync("check", TestPaths.Fixture("snyk__cli__destroy-8-aws.json"), "--policy", directory.FullName);

            Assert.Equal(0, exit);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("check")]
    [InlineData("lint", "plan.json")]
    [InlineData("check", "does-not-exist.json")]
    [InlineData("check", "plan.json", "--format", "xml")]
    [InlineData("check", "plan.json", "--policy")]
    [InlineData("check", "plan.json", "other.json")]
    public async Task Bad_usage_exits_with_two(params string[] args)
    {
        var (exit, _, _) = await RunAsync(args);

        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task Missing_policy_directory_exits_with_two_naming_the_path()
    {
        var missing = Path.Combine(_policies.FullName, "mypoll");

        var (exit, output, error) = await RunAsync("check", FailingPlan, "--policy", missing);

        Assert.Equal(2, exit);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Policy_directory_without_policy_files_exits_with_two_naming_the_path()
    {
        File.WriteAllText(Path.Combine(_policies.FullName, "notes.txt"), "not a policy");

        var (exit, _, error) = await RunAsync("check", FailingPlan, "--policy", _policies.FullName);

        Assert.Equal(2, exit);
        Assert.Contains(_policies.FullName, error, StringComparison.Ordinal);
        Assert.Contains("holds no policy file", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("Post_Plan")]
    [InlineData("apply")]
    public async Task Invalid_stage_exits_with_two_listing_the_stages(string stage)
    {
        var (exit, _, error) = await RunAsync("check", FailingPlan, "--stage", stage);

        Assert.Equal(2, exit);
        Assert.Contains($"unknown stage '{stage}'", error, StringComparison.Ordinal);
        Assert.Contains("pre_plan, post_plan, pre_apply, post_apply", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hyphenated_stage_means_the_same_stage_as_on_the_server()
    {
        var policy = WritePolicy("name: apply-gate\nscope: { stages: [pre_apply] }\n");

        var (exit, output, _) = await RunAsync("check", FailingPlan, "--policy", policy, "--stage", "pre-apply", "--require-policy");

        Assert.Equal(1, exit);
        Assert.Contains("[destroy_guard]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_applying_set_names_the_organization_that_did_not_match()
    {
        var policy = WritePolicy(AcmeOnly);

        var (exit, output, error) = await RunAsync("check", FailingPlan, "--policy", policy, "--workspace", "prod");

        Assert.Equal(0, exit);
        Assert.Contains("set 'acme-only' wants organization acme (this run: none)", output, StringComparison.Ordinal);
        Assert.Contains("set 'acme-only' wants organization acme (this run: none)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("workspace", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Require_policy_turns_no_applying_set_into_exit_two()
    {
        var policy = WritePolicy(AcmeOnly);

        var (exit, output, error) = await RunAsync("check", FailingPlan, "--policy", policy, "--organization", "globex", "--require-policy");

        Assert.Equal(2, exit);
        Assert.Contains("organization acme (this run: globex)", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Require_policy_passes_through_the_verdict_when_a_set_applies()
    {
        var policy = WritePolicy(AcmeOnly);

        var (exit, _, _) = await RunAsync("check", FailingPlan, "--policy", policy, "--organization", "acme", "--require-policy");

        Assert.Equal(1, exit);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("check", "--help")]
    [InlineData("check", "plan.json", "--help")]
    [InlineData("generate", "--help")]
    public async Task Help_prints_the_usage_and_exits_with_zero(params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(0, exit);
        Assert.Contains("runtasks check PLAN.json", output, StringComparison.Ordinal);
        Assert.Contains("--require-policy", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Test_help_prints_the_test_usage_and_exits_with_zero()
    {
        var (exit, output, _) = await RunAsync("test", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("runtasks test DIR", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_format_says_so()
    {
        var (exit, _, error) = await RunAsync("check", FailingPlan, "--format", "xml");

        Assert.Equal(2, exit);
        Assert.Contains("unknown format 'xml' (use text, json, sarif, junit)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_option_says_so()
    {
        var (exit, _, error) = await RunAsync("check", FailingPlan, "--polcy", "policies");

        Assert.Equal(2, exit);
        Assert.Contains("unknown option '--polcy'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_text_shows_bidi_controls_as_escapes_and_each_finding_on_one_line()
    {
        var plan = Path.Combine(Path.GetTempPath(), $"runtasks-hostile-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(plan, HostilePlan.Json());
        using var output = new StringWriter();
        try
        {
            await CliApplication.RunAsync(["check", plan], output, TextWriter.Null, CancellationToken.None);
        }
        finally
        {
            File.Delete(plan);
        }

        var text = output.ToString();
        Assert.DoesNotContain(HostilePlan.RightToLeftOverride, text);
        Assert.Single(text.Split('\n'), line => line.StartsWith("ERROR", StringComparison.Ordinal) && line.Contains("[destroy_guard]", StringComparison.Ordinal));
        Assert.DoesNotContain("\n" + HostilePlan.Waiver, text, StringComparison.Ordinal);
    }
}
