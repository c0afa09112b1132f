using System.Text.Json;
using RunTasks.Analysis.Tests;

namespace RunTasks.Cli.Tests;

/// <summary><c>runtasks check-config DIR|ARCHIVE.tar.gz</c>: the configuration checks locally, with check's formats and exit codes.</summary>
public sealed class ConfigCheckCliTests : IDisposable
{
    private const string Secret = "Tr0ub4dor&3-horse";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("runtasks-check-config-");

    public void Dispose() => _directory.Delete(recursive: true);

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApplication.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private string Configuration()
    {
        var root = Path.Combine(_directory.FullName, "infra");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "main.tf"), $"module \"db\" {{\n  source = \"terraform-aws-modules/rds/aws\"\n  password = \"{Secret}\"\n}}\n");
        return root;
    }

    [Fact]
    public async Task Directory_with_a_secret_fails_and_names_file_and_line_without_the_value()
    {
        var (exit, output, _) = await RunAsync("check-config", Configuration());

        Assert.Equal(1, exit);
        Assert.Contains("ERROR   [hardcoded_secrets] main.tf:3: module.db.password", output, StringComparison.Ordinal);
        Assert.Contains("WARNING [module_pinning] main.tf:1", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archive_is_checked_like_the_directory()
    {
        var archive = Path.Combine(_directory.FullName, "config.tar.gz");
        await File.WriteAllBytesAsync(archive, Archives.Build([("main.tf", "module \"db\" {\n  source = \"terraform-aws-modules/rds/aws\"\n  version = \"~> 6.0\"\n}\n")]));

        var (exit, output, _) = await RunAsync("check-config", archive);

        Assert.Equal(0, exit);
        Assert.Contains("PASSED: No findings — 1 file of the configuration checked", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sarif_locates_each_finding_at_its_file_and_line()
    {
        var root = Configuration();

        var (_, output, _) = await RunAsync("check-config", root, "--format", "sarif");

        using var sarif = JsonDocument.Parse(output);
        var secret = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "hardcoded_secrets");
        var location = secret.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal(Path.Join(root, "main.tf").Replace('\\', '/'), location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(3, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json", "\"passed\": false")]
    [InlineData("junit", "<testsuites")]
    public async Task Json_and_junit_formats_are_written(string format, string expected)
    {
        var (exit, output, _) = await RunAsync("check-config", Configuration(), "--format", format);

        Assert.Equal(1, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_archive_exits_two_asking_for_a_new_download()
    {
        var archive = Path.Combine(_directory.FullName, "cut.tar.gz");
        var bytes = Archives.Build([("main.tf", new string('#', 20_000) + "\n")]);
        await File.WriteAllBytesAsync(archive, bytes[..(bytes.Length / 2)]);

        var (exit, _, error) = await RunAsync("check-config", archive);

        Assert.Equal(2, exit);
        Assert.Contains("download it again", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_configuration_is_a_usage_error()
    {
        var (exit, _, error) = await RunAsync("check-config", Path.Combine(_directory.FullName, "nope"));

        Assert.Equal(2, exit);
        Assert.Contains("configuration not found", error, StringComparison.Ordinal);
    }
}
