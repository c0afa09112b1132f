using System.Diagnostics;
using System.Text;
using RunTasks.Analysis.Tests;

namespace RunTasks.Cli.Tests;

/// <summary>The CLI ships as a dotnet tool: pack, install from a local feed, run `runtasks check` (issue 12 §3).</summary>
public sealed class ToolPackageTests : IDisposable
{
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(4);

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("runtasks-tool-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Packed_tool_installs_from_a_local_feed_and_checks_a_plan()
    {
        var feed = Path.Combine(_work.FullName, "feed");
        var tools = Path.Combine(_work.FullName, "tools");
        var config = Path.Combine(_work.FullName, "nuget.config");

        // Only the local feed: the test must not pick up a package of the same name from a public registry.
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var project = Path.Combine(TestPaths.RepositoryRoot, "src", "Cli", "RunTasks.Cli.csproj");

        await RunAsync("dotnet", "pack", project, "-c", "Release", "-o", feed, "-nologo", "--no-restore");
        await RunAsync("dotnet", "tool", "install", "--tool-path", tools, "--configfile", config, "--version", "1.0.0", "RunTasks.Cli");
        var (exit, output) = await RunAsync(Path.Combine(tools, OperatingSystem.IsWindows() ? "runtasks.exe" : "runtasks"), "check", TestPaths.Fixture("snyk__cli__destroy-8-aws.json"));

        Assert.Equal(1, exit);
        Assert.Contains("ERROR   [destroy_guard] aws_s3_bucket.terra_ci would be destroyed", output, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Output)> RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _work.FullName,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        // A fresh package cache, so a package of the same version packed earlier is never installed in place of this one.
        start.Environment["NUGET_PACKAGES"] = Path.Combine(_work.FullName, "packages");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(StepLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{command} {string.Join(' ', arguments)} did not finish within {StepLimit}.");
        }

        var text = new StringBuilder().Append(await output).Append(await error).ToString();
        if (command == "dotnet" && process.ExitCode != 0)
        {
            Assert.Fail($"{command} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{text}");
        }

        return (process.ExitCode, text);
    }
}
