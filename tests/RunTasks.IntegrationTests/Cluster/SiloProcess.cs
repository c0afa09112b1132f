using System.Diagnostics;
using System.Globalization;
using System.Net;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Cluster;

/// <summary>A real RunTasks.Silo process on loopback, so a test can kill -9 it.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly ProcessStartInfo _start;
    private readonly string _healthUrl;
    private Process _process = null!;

    private SiloProcess(ProcessStartInfo start, string healthUrl, int siloPort, int gatewayPort)
    {
        _start = start;
        _healthUrl = healthUrl;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    /// <summary>Silo-to-silo port on 127.0.0.1.</summary>
    public int SiloPort { get; }

    /// <summary>Gateway (client-to-silo) port on 127.0.0.1.</summary>
    public int GatewayPort { get; }

    /// <summary>The silo's own HTTP port: health and /metrics.</summary>
    public string HttpUrl => _healthUrl[..^"/readyz".Length];

    public static async Task<SiloProcess> StartAsync(string connectionString, string name, IDictionary<string, string?> settings)
    {
        var dll = Path.Combine(Fixtures.RepoRoot, "src", "Silo", "bin", "Debug", "net10.0", "RunTasks.Silo.dll");
        var http = ApiHost.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        var all = new Dictionary<string, string?>(settings) { ["ConnectionStrings:RunTasks"] = connectionString };
        TestCertificates.AddClusterDefaults(all); // mutual TLS and an encrypted key ring, as in production
        foreach (var (key, value) in all)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.ArgumentList.Add($"--Orleans:SiloName={name}");
        start.ArgumentList.Add("--Orleans:AdvertisedIP=127.0.0.1");
        var (siloPort, gatewayPort) = (ApiHost.FreePort(), ApiHost.FreePort());
        start.ArgumentList.Add($"--Orleans:SiloPort={siloPort.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add($"--Orleans:GatewayPort={gatewayPort.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{http.ToString(CultureInfo.InvariantCulture)}");
        var silo = new SiloProcess(start, $"http://127.0.0.1:{http.ToString(CultureInfo.InvariantCulture)}/readyz", siloPort, gatewayPort);
        await silo.RunAsync();
        return silo;
    }

    /// <summary>Starts the process again on the same endpoints: the new generation supersedes the dead one at once.</summary>
    public async Task RestartAsync()
    {
        await DisposeProcessAsync();
        await RunAsync();
    }

    private async Task RunAsync()
    {
        _process = Process.Start(_start)!;
        // RUNTASKS_TEST_SILO_LOGS=<dir> keeps each silo process's console output there, for diagnosing a failed test.
        var log = Environment.GetEnvironmentVariable("RUNTASKS_TEST_SILO_LOGS") is { Length: > 0 } dir
            ? TextWriter.Synchronized(new StreamWriter(Path.Combine(dir, $"silo-{_process.Id}.log")) { AutoFlush = true })
            : TextWriter.Null;
        _process.OutputDataReceived += (_, e) => log.WriteLine(e.Data);
        _process.ErrorDataReceived += (_, e) => log.WriteLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitReadyAsync();
    }

    /// <summary>SIGTERM, as a container runtime stops a container; waits for the graceful shutdown and returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"silo exited with {_process.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync(_healthUrl)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("silo did not become ready");
    }



    public ValueTask DisposeAsync() => new(DisposeProcessAsync());

    private async Task DisposeProcessAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
