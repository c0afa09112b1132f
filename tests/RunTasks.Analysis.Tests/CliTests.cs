using System.Text.Json;
using RunTasks.Cli;

namespace RunTasks.Analysis.Tests;

public sealed class CliTests
{
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
    public async Task Bad_usage_exits_with_two(params string[] args)
    {
        var (exit, _, _) = await RunAsync(args);

        Assert.Equal(2, exit);
    }
}
