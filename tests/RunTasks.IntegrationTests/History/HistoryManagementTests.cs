using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RunTasks.Grains.History;
using RunTasks.IntegrationTests.Telemetry;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.History;

/// <summary>On the management port: findings counted at /metrics, and the history API behind the dashboard's credentials.</summary>
[Collection(MetricsCollection.Name)]
public sealed class HistoryManagementTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly int _port = ApiHost.FreePort();
    private ApiHost _api = null!;
    private FakeHcp _hcp = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _api = await ApiHost.StartAsync(_hcp, new Dictionary<string, string?>
        {
            ["RunTasks:ManagementUrls"] = $"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}",
            ["Dashboard:Username"] = "operator",
            ["Dashboard:Password"] = "correct horse",
        });
    }

    private HttpClient Management() => new() { BaseAddress = new Uri($"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}") };

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _hcp.DisposeAsync();
    }

    [Fact]
    public async Task Recorded_findings_are_counted_by_rule_and_severity()
    {
        var task = _hcp.AddTask(Fixtures.Plan("fugue__regula__aws-sg-ingress-anywhere.json"));
        var recorded = HistoryWait.RecordedAsync(_api.Services, task.TaskResultId, Wait);
        await _api.PostAsync(_hcp.Payload(task));
        await recorded;

        const string pattern = """runtasks_findings_total\{[^}]*rule="network_exposure"[^}]*severity="error"[^}]*\} [1-9]""";
        using var management = Management();
        var metrics = "";
        var deadline = DateTime.UtcNow + Wait;
        while (!System.Text.RegularExpressions.Regex.IsMatch(metrics, pattern) && DateTime.UtcNow < deadline)
        {
            metrics = await management.GetStringAsync("/metrics"); // the exporter caches a scrape briefly
        }

        Assert.Matches(pattern, metrics);
    }

    [Theory]
    [InlineData("operator:correct horse", HttpStatusCode.OK)]
    [InlineData("operator:wrong", HttpStatusCode.Unauthorized)]
    public async Task The_dashboard_credentials_open_the_history_api_on_the_management_port(string credentials, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/task-results");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));

        using var management = Management();
        using var response = await management.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_credentials_do_not_open_the_history_api_on_the_public_port()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/task-results");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("operator:correct horse"u8.ToArray()));

        using var response = await _api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
