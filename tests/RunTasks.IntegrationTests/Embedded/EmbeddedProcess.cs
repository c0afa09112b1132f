using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RunTasks.Api.Protocol;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Embedded;

/// <summary>
/// The README's one process (RunTasks.Api.dll, embedded mode) on a data file of the test's choosing, on loopback
/// ports kept across restarts, so a test can kill -9 it and start it again on the same file.
/// </summary>
public sealed class EmbeddedProcess : IAsyncDisposable
{
    private readonly ProcessStartInfo _start;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ChangeSignal _changed = new();

    /// <summary>What the Api logs when the host has started in embedded mode on a data file.</summary>
    private const string StartedLine = "Embedded mode: one in-process silo; task results, reminders and keys in";
    private Process? _process;

    private EmbeddedProcess(ProcessStartInfo start, string baseUrl)
    {
        _start = start;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    public int Pid => _process?.Id ?? 0;

    /// <summary>Everything the process wrote to stdout and stderr.</summary>
    public string Output => string.Join('\n', _output);

    private static string Dll => Path.Combine(Fixtures.RepoRoot, "src", "Api", "bin", "Debug", "net10.0", "RunTasks.Api.dll");

    /// <summary>Runs <c>RunTasks.Api backup</c> for the data file in <paramref name="dataPath"/>; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> BackupAsync(string dataPath, string destination)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Dll, "backup", destination, $"--RunTasks:DataPath={dataPath}" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output + await error);
    }

    /// <summary>A process on <paramref name="dataPath"/> allowed to call the fake HCP Terraform; not started yet.</summary>
    public static EmbeddedProcess Create(FakeHcp hcp, string dataPath, IDictionary<string, string?>? overrides = null)
    {
        var port = ApiHost.FreePort().ToString(CultureInfo.InvariantCulture);
        var settings = ApiHost.FastSettings(hcp);
        settings["RunTasks:DataPath"] = dataPath;
        settings["Orleans:SiloPort"] = ApiHost.FreePort().ToString(CultureInfo.InvariantCulture);
        settings["Orleans:GatewayPort"] = ApiHost.FreePort().ToString(CultureInfo.InvariantCulture);
        settings["Logging:LogLevel:RunTasks"] = "Information";
        settings["Logging:LogLevel:System.Net.Http"] = "Warning";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.ArgumentList.Add(Dll);
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        return new EmbeddedProcess(start, $"http://127.0.0.1:{port}");
    }

    /// <summary>
    /// Starts the process and waits, without polling, for the line it logs once the host has started (the silo, the
    /// data file and Kestrel are up); then /readyz must answer 200.
    /// </summary>
    public async Task StartAsync()
    {
        var before = _output.Count; // a restart: only this run's lines count
        Launch();
        await _changed.WhenAsync(
            () => _process!.HasExited || _output.Skip(before).Any(l => l.Contains(StartedLine, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(120),
            "the service's start-up line");
        if (_process!.HasExited)
        {
            throw new InvalidOperationException($"the service exited with {_process.ExitCode}:\n{Output}");
        }

        using var ready = await Http.GetAsync("/readyz");
        if (ready.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"the service started but /readyz answered {(int)ready.StatusCode}:\n{Output}");
        }
    }

    /// <summary>Waits, without polling, until the process's output (both runs, after a restart) satisfies <paramref name="condition"/>.</summary>
    public Task WhenOutputAsync(Func<IReadOnlyList<string>, bool> condition, TimeSpan timeout) =>
        _changed.WhenAsync(() => condition([.. _output]), timeout, "the service's output");

    /// <summary>Starts the process and waits for it to exit by itself (a refused start-up); returns the exit code.</summary>
    public async Task<int> RunToExitAsync(TimeSpan timeout)
    {
        Launch();
        await _process!.WaitForExitAsync().WaitAsync(timeout);
        _process.WaitForExit(); // the output readers have drained
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, nothing flushed that was not already committed.</summary>
    public async Task KillAsync()
    {
        _process!.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a container runtime stops a container; waits for the graceful shutdown.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process!.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>POSTs a run task request signed as HCP Terraform signs it.</summary>
    public Task<HttpResponseMessage> PostAsync(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/run-task") { Content = content };
        request.Headers.TryAddWithoutValidation("X-TFC-Task-Signature", RequestSignature.Compute(ApiHost.HmacKey, body));
        return Http.SendAsync(request);
    }

    /// <summary>The snapshot behind a details link (the URL HCP Terraform received in a callback), as JSON.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Snapshot)> GetDetailsAsync(string detailsUrl)
    {
        var path = new Uri(detailsUrl).PathAndQuery;
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new("application/json"));
        using var response = await Http.SendAsync(request);
        return response.IsSuccessStatusCode
            ? (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>())
            : (response.StatusCode, default);
    }

    private void Launch()
    {
        _process?.Dispose();
        _process = new Process { StartInfo = _start, EnableRaisingEvents = true };
        _process.Exited += (_, _) => _changed.Notify();
        _process.Start();
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
            _changed.Notify();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }
}
