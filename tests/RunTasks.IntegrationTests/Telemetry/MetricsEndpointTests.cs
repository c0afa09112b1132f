using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RunTasks.Api.Telemetry;
using RunTasks.Grains.Telemetry;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Telemetry;

/// <summary>/metrics, scraped as Prometheus would, after real traffic through the service.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private readonly int _port = ApiHost.FreePort();
    private ApiHost _api = null!;
    private FakeHcp _hcp = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _api = await ApiHost.StartAsync(_hcp, new Dictionary<string, string?>
        {
            ["RunTasks:ManagementUrls"] = $"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}",
        });
    }

    [Fact]
    public async Task Hooks_are_counted_by_result()
    {
        var task = _hcp.AddTask(Fixtures.Plan("fugue__regula__aws-sg-ingress-anywhere.json"));
        var body = _hcp.Payload(task);
        await _api.PostAsync(body);
        await _api.PostAsync(body);
        await _api.PostAsync(body, signature: new string('0', 128));
        await task.FinalAsync(TimeSpan.FromSeconds(30));

        string[] expected =
        [
            """runtasks_hooks_received_total\{[^}]*result="accepted"[^}]*\} 1\b""",
            """runtasks_hooks_received_total\{[^}]*result="duplicate"[^}]*\} 1\b""",
            """runtasks_hooks_received_total\{[^}]*result="unauthorized"[^}]*\} 1\b""",
        ];

        // A request is counted as its response completes, a moment after the client has it: scrape until all are in.
        var metrics = await ScrapeAsync(text => expected.All(pattern => Regex.IsMatch(text, pattern)));

        Assert.All(expected, pattern => Assert.Matches(pattern, metrics));
    }

    [Fact]
    public async Task Orleans_aspnetcore_httpclient_and_runtime_series_are_exported()
    {
        var task = _hcp.AddTask(Fixtures.Plan("fugue__regula__aws-sg-ingress-anywhere.json"));
        await _api.PostAsync(_hcp.Payload(task));
        await task.FinalAsync(TimeSpan.FromSeconds(30));

        var metrics = await ScrapeAsync(text => text.Contains("http_client_request_duration_seconds", StringComparison.Ordinal));

        Assert.Contains("orleans_", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("http_client_request_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_series_the_docs_and_the_grafana_dashboard_use_is_exported_once_recorded()
    {
        var metrics = _api.Services.GetRequiredService<RunTasksMetrics>();
        metrics.Completed("post_plan", "failed", "delivered");
        metrics.FinalLatency(TimeSpan.FromSeconds(3));
        metrics.CallbackAttempt("final", "accepted");
        metrics.ProgressSent();
        metrics.WatchdogFired("total");
        metrics.PlanBytes(123_456);
        metrics.AnalysisDuration(TimeSpan.FromMilliseconds(250));
        metrics.InFlightUp();

        var text = await ScrapeAsync(text => text.Contains("runtasks_task_results_in_flight", StringComparison.Ordinal));

        AssertSeries(text, "runtasks_task_results_completed_total", "stage=\"post_plan\"", "verdict=\"failed\"", "delivery=\"delivered\"");
        AssertSeries(text, "runtasks_final_latency_seconds_bucket");
        AssertSeries(text, "runtasks_callback_attempts_total", "kind=\"final\"", "outcome=\"accepted\"");
        AssertSeries(text, "runtasks_progress_sent_total");
        AssertSeries(text, "runtasks_watchdog_fired_total", "reason=\"total\"");
        AssertSeries(text, "runtasks_plan_size_bytes_bucket");
        AssertSeries(text, "runtasks_analysis_duration_seconds_bucket");
        AssertSeries(text, "runtasks_task_results_in_flight");
    }

    private static void AssertSeries(string scrape, string name, params string[] labels) =>
        Assert.Contains(scrape.Split('\n'), line => line.StartsWith(name + "{", StringComparison.Ordinal)
            && labels.All(label => line.Contains(label, StringComparison.Ordinal)));

    /// <summary>The exporter caches a scrape briefly; asks again until the scrape shows what the test waits for.</summary>
    private async Task<string> ScrapeAsync(Func<string, bool> ready)
    {
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}") };
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            var text = await management.GetStringAsync("/metrics");
            if (ready(text) || DateTimeOffset.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(500);
        }
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _hcp.DisposeAsync();
    }
}

/// <summary>
/// OpenTelemetry listens to meters by name across the whole process, so hosts of other tests running at the same time
/// would add to these counts: the metrics tests run on their own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}
