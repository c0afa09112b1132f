using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RunTasks.Load;

/// <summary>The service under test: started here from RunTasks.Api.dll (embedded mode), or a process given by id.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process? _process;
    private int _logLines;
    private int _responseTimeouts;

    private ServiceProcess(Process? process, int? pid, string baseUrl)
    {
        _process = process;
        Pid = pid;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }
    public int? Pid { get; }
    /// <summary>Lines the service wrote to stdout and stderr (its log at the configured level).</summary>
    public int LogLines => _logLines;

    /// <summary>Log lines saying an Orleans call got no answer in time: a grain turn blocked somewhere.</summary>
    public int ResponseTimeouts => _responseTimeouts;

    public static ServiceProcess Existing(string baseUrl, int? pid) => new(null, pid, baseUrl);

    /// <summary>Starts the Api with default settings plus only what a loopback HCP needs, and waits until it is ready.</summary>
    public static async Task<ServiceProcess> StartAsync(string dll, int hcpPort, string hmacKey, IEnumerable<string> extraArgs)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var arg in new[]
        {
            dll, "--urls", $"http://127.0.0.1:{port}",
            "--RunTasks:AllowedHosts:0=127.0.0.1", $"--RunTasks:AllowedHosts:1=127.0.0.1:{hcpPort}",
            "--RunTasks:AllowHttp=true", $"--RunTasks:HmacKeys:0={hmacKey}",
            $"--Orleans:SiloPort={FreePort()}", $"--Orleans:GatewayPort={FreePort()}",
        }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var service = new ServiceProcess(process, process.Id, $"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => service.Count(e.Data);
        process.ErrorDataReceived += (_, e) => service.Count(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the service exited with {process.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync(service.BaseUrl + "/healthz")).IsSuccessStatusCode)
                {
                    return service;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the service did not become healthy in 60 s");
    }

    private void Count(string? line)
    {
        if (line is not null)
        {
            Interlocked.Increment(ref _logLines);
            if (line.Contains("did not arrive on time", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _responseTimeouts);
            }
        }
    }

    /// <summary>Resident memory in MB, from /proc (Linux), or null when unknown.</summary>
    public double? ResidentMegabytes()
    {
        if (Pid is not { } pid || !File.Exists($"/proc/{pid}/status"))
        {
            return null;
        }

        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
