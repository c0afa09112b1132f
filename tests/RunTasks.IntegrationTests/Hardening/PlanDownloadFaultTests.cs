using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunTasks.Api.Protocol;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Plans;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Hardening;

/// <summary>The plan downloader against a misbehaving fake HCP Terraform: what surfaces to the plan check, and how fast.</summary>
public sealed class PlanDownloadFaultTests : IAsyncLifetime
{
    private static readonly byte[] Plan = Fixtures.Plan("snyk__cli__destroy-8-aws.json");
    private FakeHcp _hcp = null!;
    private ServiceProvider _services = null!;
    private RunTasksOptions _options = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _options = new RunTasksOptions
        {
            AllowHttp = true,
            AllowedHosts = _hcp.AllowedHosts,
            Delivery = { PlanReadIdleTimeout = TimeSpan.FromSeconds(1), PlanMinRateGracePeriod = TimeSpan.FromSeconds(2) },
        };
        var services = new ServiceCollection();
        services.AddHttpClient(PlanDownloader.HttpClientName).ConfigurePrimaryHttpMessageHandler(PlanHttpHandler.Create);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _hcp.DisposeAsync();
    }

    private PlanDownloader Downloader => new(_services.GetRequiredService<IHttpClientFactory>(), Options.Create(_options), TimeProvider.System);

    private RunTaskRequest Request(FakeTask task) => RunTaskRequestReader.Read(_hcp.Payload(task), _options).Request!;

    private async Task<IOException> ReadFailureAsync(FakeTask task)
    {
        await using var body = await Downloader.OpenAsync(Request(task), CancellationToken.None);
        return await Assert.ThrowsAsync<IOException>(() => body.CopyToAsync(Stream.Null));
    }

    [Fact]
    public async Task Truncated_plan_body_surfaces_as_an_IOException()
    {
        var task = _hcp.AddTask(Plan);
        _hcp.FaultPlanBody(task, PlanBodyFault.Truncate);
        await ReadFailureAsync(task);
    }

    [Fact]
    public async Task Stalled_plan_body_fails_the_read_with_an_IOException_after_the_idle_timeout()
    {
        var task = _hcp.AddTask(Plan);
        _hcp.FaultPlanBody(task, PlanBodyFault.Stall);
        var started = DateTimeOffset.UtcNow;
        var error = await ReadFailureAsync(task);
        Assert.Contains("stalled", error.Message, StringComparison.Ordinal);
        Assert.InRange(DateTimeOffset.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Dripping_plan_body_fails_the_read_with_an_IOException_once_below_the_minimum_rate()
    {
        _options.Delivery.PlanReadIdleTimeout = FakeHcp.DripInterval * 5; // the rate must catch it, not the idle timeout
        var task = _hcp.AddTask(Plan);
        _hcp.FaultPlanBody(task, PlanBodyFault.Drip);
        var started = DateTimeOffset.UtcNow;
        var error = await ReadFailureAsync(task);
        Assert.Contains("PlanMinBytesPerSecond", error.Message, StringComparison.Ordinal);
        Assert.InRange(DateTimeOffset.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Redirect_to_the_metadata_service_is_refused_for_good()
    {
        var task = _hcp.AddTask(Plan);
        _hcp.RedirectPlan(task, "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
        var refused = await Assert.ThrowsAsync<PlanUnavailableException>(() => Downloader.OpenAsync(Request(task), CancellationToken.None));
        Assert.False(refused.Transient);
        Assert.Contains("link-local", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirect_to_another_loopback_port_is_refused_without_dialling_it()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var task = _hcp.AddTask(Plan);
        _hcp.RedirectPlan(task, $"http://127.0.0.1:{((IPEndPoint)other.LocalEndpoint).Port}/objects/{task.PlanId}");

        var refused = await Assert.ThrowsAsync<PlanUnavailableException>(() => Downloader.OpenAsync(Request(task), CancellationToken.None));
        Assert.False(refused.Transient);
        Assert.False(other.Pending());
    }

    [Fact]
    public async Task Absolute_redirect_to_the_allowed_object_store_host_is_followed_without_the_token()
    {
        var task = _hcp.AddTask(Plan, absoluteRedirect: true);
        await using var body = await Downloader.OpenAsync(Request(task), CancellationToken.None);
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        Assert.Equal(Plan, copy.ToArray());
        Assert.Equal(0, _hcp.PlanRequestsWithTokenOnRedirect);
    }
}
