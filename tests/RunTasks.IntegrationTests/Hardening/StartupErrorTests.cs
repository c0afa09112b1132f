using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Hardening;

/// <summary>A process that cannot start says why in one line naming the key, and exits 1 without a stack trace.</summary>
public sealed class StartupErrorTests
{
    [Fact]
    public async Task Bad_setting_ends_the_api_with_one_line_naming_the_key_and_exit_code_1()
    {
        var run = await RunAsync("Api", "--RunTasks:HmacKeys:0=key", "--RunTasks:AllowedHosts:0=tfe.example.com:0");

        AssertOneLineRefusal(run, "RunTasks:AllowedHosts");
    }

    [Fact]
    public async Task Production_without_hmac_keys_refuses_to_start_naming_the_keys_to_set()
    {
        var run = await RunAsync("Api");

        AssertOneLineRefusal(run, "RunTasks:HmacKeys");
        Assert.Contains("RunTasks:AllowUnsigned", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Taken_public_port_ends_the_api_with_one_line_saying_how_to_move_it()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var run = await RunAsync("Api", "--RunTasks:HmacKeys:0=key", $"--urls=http://127.0.0.1:{port}");

        AssertOneLineRefusal(run, "--urls");
        Assert.Contains(port, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_without_a_connection_string_ends_with_one_line_naming_it()
    {
        var run = await RunAsync("Silo");

        AssertOneLineRefusal(run, "ConnectionStrings:RunTasks");
    }

    private static void AssertOneLineRefusal(ProcessRun run, string key)
    {
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(key, line, StringComparison.Ordinal);
        var everything = run.Output + run.Error;
        Assert.DoesNotContain("Unhandled exception", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", everything, StringComparison.Ordinal);
    }

    private static async Task<ProcessRun> RunAsync(string project, params string[] args)
    {
        var dll = Path.Combine(Fixtures.RepoRoot, "src", project, "bin", "Debug", "net10.0", $"RunTasks.{project}.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add($"--Orleans:SiloPort={ApiHost.FreePort().ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add($"--Orleans:GatewayPort={ApiHost.FreePort().ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{ApiHost.FreePort().ToString(CultureInfo.InvariantCulture)}");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ConnectionStrings__RunTasks");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // it started instead of refusing: the assertions below say so
            await process.WaitForExitAsync();
        }

        return new ProcessRun(process.ExitCode, await output, await error);
    }

    private sealed record ProcessRun(int ExitCode, string Output, string Error);
}
