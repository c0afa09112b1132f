using RunTasks.Grains.Interfaces.TaskResults;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunTasks.Api.Details;
using RunTasks.Api.Hosting;
using RunTasks.Api.Protocol;
using RunTasks.Grains.Details;
using RunTasks.Grains.Hosting;

namespace RunTasks.Testing;

/// <summary>The real front end with its embedded silo, on loopback Kestrel, configured for a fake HCP Terraform.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string HmacKey = "test-hmac-key";
    private readonly WebApplication _app;

    private ApiHost(WebApplication app, string baseUrl, CapturedLogs logs)
    {
        Logs = logs;
        _app = app;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public string BaseUrl { get; }
    public CapturedLogs Logs { get; } = new();
    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Short deadlines, so the watchdog and retries are exercised in seconds. With a fake HCP Terraform, its host:port
    /// entries are the allowed hosts (a bare host would allow only port 80).
    /// </summary>
    public static Dictionary<string, string?> FastSettings(FakeHcp? hcp = null) => new()
    {
        ["RunTasks:HmacKeys:0"] = HmacKey,
        ["RunTasks:AllowHttp"] = "true",
        ["RunTasks:AllowedHosts:0"] = hcp?.AllowedHosts[0] ?? "127.0.0.1",
        ["RunTasks:AllowedHosts:1"] = hcp?.AllowedHosts[1] ?? "localhost",
        ["RunTasks:PublicBaseUrl"] = "https://runtasks.example.com",
        ["RunTasks:Deadlines:Progress"] = "00:00:20",
        ["RunTasks:Deadlines:Total"] = "00:00:40",
        ["RunTasks:Deadlines:SafetyMargin"] = "00:00:05",
        ["RunTasks:Deadlines:Heartbeat"] = "00:00:04",
        ["RunTasks:Deadlines:Reminder"] = "00:00:05",
        ["RunTasks:Deadlines:AnalysisLease"] = "00:00:06",
        ["RunTasks:Delivery:AttemptTimeout"] = "00:00:03",
        ["RunTasks:Delivery:InitialBackoff"] = "00:00:00.200",
        ["RunTasks:Delivery:MaxBackoff"] = "00:00:02",
        ["RunTasks:Delivery:PlanPollInterval"] = "00:00:00.300",
        ["RunTasks:DataPath"] = ":memory:", // fast and independent; tests of the data file set their own
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:RunTasks"] = "Debug",
        ["Logging:LogLevel:System.Net.Http"] = "Debug",
        ["Logging:LogLevel:Orleans"] = "Error",
    };

    /// <summary>Starts the service allowed to call the fake HCP Terraform.</summary>
    public static Task<ApiHost> StartAsync(FakeHcp hcp, IDictionary<string, string?>? overrides = null, string? environment = null) =>
        StartAsync(overrides, hcp, environment);

    /// <param name="environment">The host environment; null means Production, as on a server without ASPNETCORE_ENVIRONMENT.</param>
    /// <param name="time">The service's clock; null means the system clock.</param>
    public static async Task<ApiHost> StartAsync(IDictionary<string, string?>? overrides = null, FakeHcp? hcp = null, string? environment = null, TimeProvider? time = null)
    {
        var settings = FastSettings(hcp);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        TestCertificates.AddClusterDefaults(settings); // cluster mode: mutual TLS to the gateways, an encrypted key ring

        foreach (var port in new[] { "Orleans:SiloPort", "Orleans:GatewayPort" })
        {
            if (!settings.ContainsKey(port))
            {
                settings[port] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var logs = new CapturedLogs();
        var app = ApiApplication.Create(environment is null ? [] : ["--environment", environment], builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiHost(app, address, logs);
    }

    /// <summary>POSTs a run task request signed as HCP Terraform signs it (or with the given signature).</summary>
    public Task<HttpResponseMessage> PostAsync(byte[] body, string? signature = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/run-task") { Content = content };
        request.Headers.TryAddWithoutValidation("X-TFC-Task-Signature", signature ?? RequestSignature.Compute(HmacKey, body));
        return Http.SendAsync(request);
    }

    /// <summary>The signed path of a task result's details, as the link HCP Terraform receives would carry it.</summary>
    public string DetailsPath(string taskResultId) =>
        $"/task-results/{taskResultId}?{Services.GetRequiredService<DetailsLinkSigner>().QueryString(taskResultId, DateTimeOffset.UtcNow.AddHours(1))}";

    /// <summary>Waits until the task result is done (see <see cref="TaskResultWait"/>).</summary>
    public Task<TaskResultSnapshot> WaitForDoneAsync(string taskResultId, TimeSpan? timeout = null) =>
        TaskResultWait.DoneAsync(Services.GetRequiredService<IGrainFactory>(), taskResultId, timeout ?? TimeSpan.FromSeconds(60));

    /// <summary>
    /// A port free now and never handed out before in this test run: the kernel may give a just-released port again, and
    /// a silo port equal to its gateway port is refused at start-up.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, 0))
            {
                return port;
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> HandedOut = new();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
