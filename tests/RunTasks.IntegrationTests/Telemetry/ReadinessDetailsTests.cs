using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RunTasks.Api.Hosting;
using RunTasks.Grains.Hosting;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Telemetry;

/// <summary>The public /readyz says how ready the service is; why (paths, errors) only on the management port.</summary>
public sealed class ReadinessDetailsTests : IAsyncLifetime
{
    private const string ErrorText = "probe failed reading /etc/runtasks/private";
    private readonly string _policies = Directory.CreateTempSubdirectory("runtasks-readyz-").FullName;
    private WebApplication _app = null!;
    private Uri _public = null!;
    private Uri _management = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_policies, "team.yaml"), "name: team\nrules:\n  drift:\n    enforcement: warning\n");
        var management = ApiHost.FreePort().ToString(CultureInfo.InvariantCulture);
        var settings = ApiHost.FastSettings();
        settings["Orleans:SiloPort"] = ApiHost.FreePort().ToString(CultureInfo.InvariantCulture);
        settings["Orleans:GatewayPort"] = ApiHost.FreePort().ToString(CultureInfo.InvariantCulture);
        settings["RunTasks:PolicyPath"] = _policies;
        settings["RunTasks:ManagementUrls"] = $"http://127.0.0.1:{management}";
        _app = ApiApplication.Create([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddHealthChecks().AddCheck(
                "probe", () => HealthCheckResult.Degraded("probe description", new InvalidOperationException(ErrorText)), tags: [RunTasksDefaults.Ready]);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => !a.EndsWith($":{management}", StringComparison.Ordinal));
        _public = new Uri(address);
        _management = new Uri($"http://127.0.0.1:{management}");
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_policies, recursive: true);
    }

    [Fact]
    public async Task Public_readyz_shows_each_check_status_without_policy_path_or_error_text()
    {
        var body = await ReadyzAsync(_public);

        Assert.Contains("\"policies\":{\"status\":\"Healthy\"}", body, StringComparison.Ordinal);
        Assert.Contains("\"probe\":{\"status\":\"Degraded\"}", body, StringComparison.Ordinal);
        Assert.DoesNotContain(_policies, body, StringComparison.Ordinal);
        Assert.DoesNotContain(ErrorText, body, StringComparison.Ordinal);
        Assert.DoesNotContain("description", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Management_readyz_shows_descriptions_policy_path_and_error_text()
    {
        var body = await ReadyzAsync(_management);

        Assert.Contains(_policies, body, StringComparison.Ordinal);
        Assert.Contains(ErrorText, body, StringComparison.Ordinal);
        Assert.Contains("probe description", body, StringComparison.Ordinal);
    }

    private static async Task<string> ReadyzAsync(Uri port)
    {
        using var http = new HttpClient { BaseAddress = port };
        using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        return await response.Content.ReadAsStringAsync();
    }
}
