using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RunTasks.IntegrationTests.Postgres;

/// <summary>
/// A PostgreSQL server for the test run when RUNTASKS_TEST_POSTGRES is not set: started once per test process
/// with scripts/pg.sh in a temporary directory, and stopped when the process exits.
/// </summary>
internal static class LocalPostgresServer
{
    private static readonly Lazy<Task<string>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The connection string of the role `runtasks`, which may create databases.</summary>
    public static Task<string> GetAdminConnectionStringAsync() => Server.Value;

    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunTasks.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"RunTasks.sln not found above {AppContext.BaseDirectory}.");
    }

    private static async Task<string> StartAsync()
    {
        var script = Path.Combine(FindRepositoryRoot(), "scripts", "pg.sh");
        var dir = Path.Combine(Path.GetTempPath(), $"runtasks-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var port = FreeTcpPort();

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(script, dir);

        // The first run on a clean machine may install PostgreSQL with apt-get, hence the long timeout.
        var (exitCode, stdout, stderr) = await RunAsync(script, ["start", dir, port.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(10));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"scripts/pg.sh start failed with exit code {exitCode}:\n{stderr}");
        }

        var connectionString = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (string.IsNullOrEmpty(connectionString) || !connectionString.StartsWith("Host=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"scripts/pg.sh start printed no connection string:\n{stdout}\n{stderr}");
        }

        return connectionString;
    }

    private static void Stop(string script, string dir)
    {
        // The test host may be killed soon after ProcessExit, so bash both stops the server and removes the
        // directory: it finishes the job even if this process does not live to see it.
        var info = new ProcessStartInfo("bash") { UseShellExecute = false };
        foreach (var arg in new[] { "-c", "\"$0\" stop \"$1\" >/dev/null 2>&1; rm -rf \"$1\"", script, dir })
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info);
            process?.WaitForExit(TimeSpan.FromSeconds(30));
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Best effort at process exit: a leftover temporary server is harmless.
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string script, string[] args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/pg.sh {string.Join(' ', args)} did not finish within {timeout}.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
