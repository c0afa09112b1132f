using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Telemetry;

/// <summary>Which doors each port opens: the public port serves the run task endpoint, details and health only.</summary>
public sealed class ManagementPortTests
{
    private const string User = "ops";
    private const string Password = "dashboard-password";

    [Fact]
    public async Task Production_serves_metrics_on_the_management_port_only()
    {
        var (api, management) = await StartAsync(withCredentials: false);
        await using var _ = api;

        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Host_header_naming_the_management_port_does_not_open_it_on_the_public_port()
    {
        var (api, management) = await StartAsync(withCredentials: true);
        await using var _ = api;
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Host = $"127.0.0.1:{management.BaseAddress!.Port}";

        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Production_keeps_the_dashboard_off_without_credentials()
    {
        var (api, management) = await StartAsync(withCredentials: false);
        await using var _ = api;

        Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task Dashboard_with_credentials_asks_for_them_on_the_management_port_and_is_absent_on_the_public_one()
    {
        var (api, management) = await StartAsync(withCredentials: true);
        await using var _ = api;

        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await management.GetAsync("/dashboard/")).StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
        Assert.Equal(HttpStatusCode.OK, (await management.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Production_without_a_management_port_serves_neither_metrics_nor_dashboard()
    {
        await using var api = await ApiHost.StartAsync(Credentials());

        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Development_serves_everything_on_one_port()
    {
        await using var api = await ApiHost.StartAsync(environment: "Development");

        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task Public_port_still_takes_run_task_requests_and_health_checks()
    {
        var (api, _) = await StartAsync(withCredentials: true);
        await using var __ = api;

        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("/readyz")).StatusCode);
        var verification = Fixtures.Request("gitrgoliveira__tfc-pipeline-run-task__test-stage-payload.json");
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync(verification)).StatusCode);
    }

    private static async Task<(ApiHost Api, HttpClient Management)> StartAsync(bool withCredentials)
    {
        var port = ApiHost.FreePort();
        var settings = withCredentials ? Credentials() : [];
        settings["RunTasks:ManagementUrls"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var api = await ApiHost.StartAsync(settings);
        Assert.NotEqual(port, new Uri(api.BaseUrl).Port);
        return (api, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") });
    }

    private static Dictionary<string, string?> Credentials() => new()
    {
        ["Dashboard:Username"] = User,
        ["Dashboard:Password"] = Password,
    };
}
