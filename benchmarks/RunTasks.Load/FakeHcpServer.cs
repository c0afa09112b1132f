using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace RunTasks.Load;

/// <summary>
/// HCP Terraform's side on loopback Kestrel: the plan behind a 307 to an object-store path, bearer checks, and every
/// callback recorded with its arrival time. Optionally answers every Nth callback 429, like a rate-limited API.
/// </summary>
public sealed class FakeHcpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly byte[] _plan;
    private readonly (int Every, int Seconds)? _rateLimit;
    private readonly TimeSpan _planDelay;
    private readonly int? _firstRunningRetryAfter;
    private int _callbacks;
    private int _planDownloads;
    private int _unauthorized;

    private FakeHcpServer(WebApplication app, byte[] plan, LoadOptions options)
    {
        _app = app;
        _plan = plan;
        _rateLimit = options.RateLimit;
        _planDelay = options.PlanDelay;
        _firstRunningRetryAfter = options.FirstRunningRetryAfter;
    }

    public string BaseUrl { get; private set; } = "";
    public int Port { get; private set; }
    public ConcurrentDictionary<string, LoadTask> Tasks { get; } = new();
    public int PlanDownloads => _planDownloads;
    public int Unauthorized => _unauthorized;
    /// <summary>Answers of 429, with when they were sent, to check nothing came during a Retry-After window.</summary>
    public ConcurrentQueue<DateTimeOffset> RateLimited { get; } = new();
    public ConcurrentQueue<DateTimeOffset> CallbackArrivals { get; } = new();

    public static async Task<FakeHcpServer> StartAsync(byte[] plan, LoadOptions options)
    {
        var port = options.HcpPort;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var hcp = new FakeHcpServer(app, plan, options);
        app.MapGet("/api/v2/plans/{id}/json-output", hcp.PlanAsync);
        app.MapGet("/objects/{id}", hcp.ObjectAsync);
        app.MapMethods("/api/v2/task-results/{id}/callback", ["PATCH"], hcp.CallbackAsync);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        hcp.Port = address.Port;
        hcp.BaseUrl = $"http://127.0.0.1:{address.Port}";
        return hcp;
    }

    public LoadTask Add(string stage, string? pullRequestUrl = null)
    {
        var task = new LoadTask("taskrs-" + Guid.NewGuid().ToString("N")[..20], stage) { PullRequestUrl = pullRequestUrl };
        Tasks[task.Id] = task;
        return task;
    }

    /// <summary>The request body HCP Terraform would POST for a task.</summary>
    public byte[] Payload(LoadTask task) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["payload_version"] = 1,
        ["stage"] = task.Stage,
        ["access_token"] = task.Token,
        ["capabilities"] = new Dictionary<string, bool> { ["outcomes"] = true },
        ["is_speculative"] = false,
        ["organization_name"] = "acme",
        ["plan_json_api_url"] = task.Stage == "pre_plan" ? null : $"{BaseUrl}/api/v2/plans/{task.Id}/json-output",
        ["run_id"] = "run-" + task.Id[7..],
        ["task_result_callback_url"] = $"{BaseUrl}/api/v2/task-results/{task.Id}/callback",
        ["task_result_enforcement_level"] = "mandatory",
        ["task_result_id"] = task.Id,
        ["workspace_name"] = "load",
        ["vcs_pull_request_url"] = task.PullRequestUrl,
    });

    private async Task<IResult> PlanAsync(HttpContext context, string id)
    {
        if (_planDelay > TimeSpan.Zero)
        {
            await Task.Delay(_planDelay, context.RequestAborted);
        }

        if (!Tasks.TryGetValue(id, out var task))
        {
            return Results.NotFound();
        }

        if (context.Request.Headers.Authorization != $"Bearer {task.Token}")
        {
            Interlocked.Increment(ref _unauthorized);
            return Results.Unauthorized();
        }
        return Results.Redirect($"/objects/{id}", permanent: false, preserveMethod: true);
    }

    private async Task ObjectAsync(HttpContext context, string id)
    {
        Interlocked.Increment(ref _planDownloads);
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(_plan);
    }

    private async Task CallbackAsync(HttpContext context, string id)
    {
        var at = DateTimeOffset.UtcNow;
        CallbackArrivals.Enqueue(at);
        if (!Tasks.TryGetValue(id, out var task))
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (context.Request.Headers.Authorization != $"Bearer {task.Token}")
        {
            Interlocked.Increment(ref _unauthorized);
            context.Response.StatusCode = 401;
            return;
        }
        if (_rateLimit is var (every, seconds) && Interlocked.Increment(ref _callbacks) % every == 0)
        {
            RateLimited.Enqueue(at);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            context.Response.StatusCode = 429;
            return;
        }
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var status = body.RootElement.GetProperty("data").GetProperty("attributes").GetProperty("status").GetString() ?? "";
        if (_firstRunningRetryAfter is { } pause && status == "running" && task.RefuseFirstRunning())
        {
            RateLimited.Enqueue(at);
            context.Response.Headers.RetryAfter = pause.ToString(CultureInfo.InvariantCulture);
            context.Response.StatusCode = 429;
            return;
        }

        task.Record(status, at);
        context.Response.StatusCode = 200;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
