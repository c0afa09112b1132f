namespace RunTasks.Cli.Tests;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"runtasks-generate-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApplication.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Generated_plan_is_checked_like_any_plan()
    {
        var (generated, output, _) = await RunAsync("generate", _file, "--resources", "50");
        var (_, report, _) = await RunAsync("check", _file);

        Assert.Equal(0, generated);
        Assert.Contains("Wrote 50 resource changes", output, StringComparison.Ordinal);
        Assert.DoesNotContain("plan_unreadable", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Same_seed_writes_the_same_plan()
    {
        var other = _file + ".2";
        try
        {
            await RunAsync("generate", _file, "--resources", "20", "--seed", "7");
            await RunAsync("generate", other, "--resources", "20", "--seed", "7");

            Assert.Equal(File.ReadAllBytes(_file), File.ReadAllBytes(other));
        }
        finally
        {
            File.Delete(other);
        }
    }

    [Fact]
    public async Task Generate_without_a_resource_count_prints_the_usage()
    {
        var (exit, _, error) = await RunAsync("generate", _file);

        Assert.Equal(2, exit);
        Assert.Contains("Usage", error, StringComparison.Ordinal);
    }
}
