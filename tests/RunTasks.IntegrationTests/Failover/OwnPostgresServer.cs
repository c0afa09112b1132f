using System.Diagnostics;
using System.Globalization;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Failover;

/// <summary>
/// A PostgreSQL server of the test's own (scripts/pg.sh in a temporary directory), so the test can stop and start it
/// without disturbing the server every other test shares.
/// </summary>
public sealed class OwnPostgresServer : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"runtasks-failover-pg-{Guid.NewGuid():N}");
    private readonly string _port = ApiHost.FreePort().ToString(CultureInfo.InvariantCulture);

    private OwnPostgresServer()
    {
    }

    /// <summary>The connection string of database `runtasks`, as scripts/pg.sh prints it.</summary>
    public string ConnectionString { get; private set; } = "";

    public static async Task<OwnPostgresServer> StartAsync()
    {
        var server = new OwnPostgresServer();
        Directory.CreateDirectory(server._dir);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the stopped server on the same data directory and port.</summary>
    public async Task StartAgainAsync() =>
        ConnectionString = (await PgAsync("start", _dir, _port)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];

    /// <summary>pg_ctl stop -m fast: sessions are cut, new connections are refused.</summary>
    public Task StopAsync() => PgAsync("stop", _dir);

    private static async Task<string> PgAsync(params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(Fixtures.RepoRoot, "scripts", "pg.sh"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/pg.sh {args[0]} failed: {await stderr}");
        }

        return await stdout;
    }

    public async ValueTask DisposeAsync()
    {
        await PgAsync("stop", _dir);
        Directory.Delete(_dir, recursive: true);
    }
}
