using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RunTasks.Testing;

/// <summary>
/// HCP Terraform's side on loopback Kestrel: serves plan JSON behind a 307 (relative, or absolute to another host name),
/// checks bearer tokens, and records every callback. Faults are queued per task.
/// </summary>
public sealed class FakeHcp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeTask> _byCallback = new();
    private readonly ConcurrentDictionary<string, FakeTask> _byPlan = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PlanBodyFault>> _bodyFaults = new();
    private readonly ConcurrentDictionary<string, string> _redirects = new();
    private readonly ConcurrentDictionary<string, (FakeTask Task, byte[] Archive, string WorkingDirectory)> _configurations = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PlanBodyFault>> _configurationFaults = new();

    /// <summary>Configuration version downloads (API requests, before the redirect).</summary>
    public int ConfigurationRequests;

    /// <summary>Configuration object-store requests that carried an Authorization header (the token must not follow the redirect).</summary>
    public int ConfigurationRequestsWithTokenOnRedirect;

    private FakeHcp(WebApplication app) => _app = app;

    /// <summary>http://127.0.0.1:port — the API host.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>http://localhost:port — stands in for the object store on another host.</summary>
    public string ObjectStoreUrl { get; private set; } = "";

    public int PlanRequestsWithTokenOnRedirect;

    /// <summary>Requests that reached <see cref="RedirectTrapUrl"/>: a callback that followed a redirect.</summary>
    public int RedirectTrapHits;

    /// <summary>An address a misbehaving callback URL redirects to; nothing should ever arrive there.</summary>
    public string RedirectTrapUrl => $"{BaseUrl}/trap";

    /// <summary>When set, every Nth callback (over all tasks) is answered 429 with this Retry-After, like a rate-limited API.</summary>
    public (int Every, int RetryAfterSeconds)? RateLimit { get; set; }

    private int _callbackCount;

    /// <summary>
    /// Set when a test expects repeated finals (a kill -9 between a final and its record). Either way a final for a task
    /// result that already has one is answered 409, as HCP Terraform answers a PATCH to a terminal task result, and
    /// recorded in <see cref="FakeTask.Refused"/>; while this is off, it also trips <see cref="UnexpectedRepeats"/>.
    /// </summary>
    public bool RejectRepeatedFinals { get; set; }

    /// <summary>
    /// When set, the first <c>running</c> update of each task result is answered 429 with this Retry-After, as HCP
    /// Terraform answers a client over its per-user rate limit.
    /// </summary>
    public int? FirstRunningRetryAfterSeconds { get; set; }

    /// <summary>How long every plan request waits before it is answered, like a large plan being rendered.</summary>
    public TimeSpan PlanDelay { get; set; }

    private readonly TaskCompletionSource _firstCallback = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Task results that got a final after they already had one, while <see cref="RejectRepeatedFinals"/> is off.</summary>
    public ConcurrentQueue<string> UnexpectedRepeats { get; } = new();

    private readonly ChangeSignal _changed = new();

    /// <summary>Waits, without sleeping, until <paramref name="condition"/> over the tasks holds; checked after every plan request and callback.</summary>
    public Task WhenAsync(Func<bool> condition, TimeSpan timeout) => _changed.WhenAsync(condition, timeout, "the fake HCP Terraform's condition");

    /// <summary>Completes when the first callback of any task arrives.</summary>
    public Task FirstCallback => _firstCallback.Task;

    /// <summary>Every callback request as it arrived, with the status it was answered, in arrival order.</summary>
    public ConcurrentQueue<(DateTimeOffset At, int Status)> CallbackArrivals { get; } = new();

    /// <summary>RunTasks:AllowedHosts entries for this fake: the API host and the object store, with their port.</summary>
    public string[] AllowedHosts => [new Uri(BaseUrl).Authority, new Uri(ObjectStoreUrl).Authority];

    public static async Task<FakeHcp> StartAsync()
    {
        var app = LoopbackApp.Create();
        var hcp = new FakeHcp(app);
        app.MapGet("/api/v2/plans/{planId}/json-output", hcp.PlanAsync);
        app.MapGet("/objects/{planId}", hcp.ObjectAsync);
        app.MapGet("/api/v2/configuration-versions/{cvId}/download", hcp.ConfigurationAsync);
        app.MapGet("/configuration-objects/{cvId}", hcp.ConfigurationObjectAsync);
        app.MapMethods("/api/v2/task-results/{id}/callback", ["PATCH"], hcp.CallbackAsync);
        app.MapMethods("/trap", ["GET", "POST", "PATCH", "PUT"], () => { Interlocked.Increment(ref hcp.RedirectTrapHits); return Results.Ok(); });
        await app.StartAsync();
        var port = LoopbackApp.Port(app);
        hcp.BaseUrl = $"http://127.0.0.1:{port}";
        hcp.ObjectStoreUrl = $"http://localhost:{port}";
        return hcp;
    }

    public FakeTask AddTask(byte[]? plan, string stage = "post_plan", bool outcomes = true, bool absoluteRedirect = false, string? taskResultId = null)
    {
        var task = new FakeTask(taskResultId ?? "taskrs-" + Guid.NewGuid().ToString("N")[..16], plan, stage, outcomes, absoluteRedirect);
        _byCallback[task.CallbackId] = task;
        _byPlan[task.PlanId] = task;
        return task;
    }

    /// <summary>Pause between the bytes of a <see cref="PlanBodyFault.Drip"/>.</summary>
    public static readonly TimeSpan DripInterval = TimeSpan.FromSeconds(1);

    /// <summary>The next download of the task's plan body misbehaves this way (faults queue up, one per download).</summary>
    public void FaultPlanBody(FakeTask task, PlanBodyFault fault) =>
        _bodyFaults.GetOrAdd(task.PlanId, _ => new()).Enqueue(fault);

    /// <summary>The plan API redirects this task's plan to <paramref name="location"/> instead of the fake object store.</summary>
    public void RedirectPlan(FakeTask task, string location) => _redirects[task.PlanId] = location;

    /// <summary>The task's requests carry a configuration version: this .tar.gz, served behind a 302 to the object store host.</summary>
    public void AddConfiguration(FakeTask task, byte[] archive, string workingDirectory = "") =>
        _configurations["cv-" + task.PlanId[5..]] = (task, archive, workingDirectory);

    /// <summary>The next download of the task's configuration body misbehaves this way (one fault per download).</summary>
    public void FaultConfigurationBody(FakeTask task, PlanBodyFault fault) =>
        _configurationFaults.GetOrAdd("cv-" + task.PlanId[5..], _ => new()).Enqueue(fault);

    /// <summary>The run task request body HCP Terraform would POST for the task, compact as on the wire.</summary>
    public byte[] Payload(FakeTask task) => JsonSerializer.SerializeToUtf8Bytes(WithConfiguration(task, new Dictionary<string, object?>
    {
        ["payload_version"] = 1,
        ["stage"] = task.Stage,
        ["access_token"] = task.Token,
        ["capabilities"] = new Dictionary<string, bool> { ["outcomes"] = task.Outcomes },
        ["is_speculative"] = false,
        ["organization_name"] = "acme",
        ["plan_json_api_url"] = task.Stage == "pre_plan" ? null : $"{BaseUrl}/api/v2/plans/{task.PlanId}/json-output",
        ["run_id"] = "run-" + task.PlanId,
        ["task_result_callback_url"] = $"{BaseUrl}/api/v2/task-results/{task.CallbackId}/callback",
        ["task_result_enforcement_level"] = "mandatory",
        ["task_result_id"] = task.TaskResultId,
        ["workspace_name"] = "networking-prod",
        ["project_name"] = "Default Project",
    }));

    private Dictionary<string, object?> WithConfiguration(FakeTask task, Dictionary<string, object?> payload)
    {
        var id = "cv-" + task.PlanId[5..];
        if (_configurations.TryGetValue(id, out var configuration))
        {
            payload["configuration_version_id"] = id;
            payload["configuration_version_download_url"] = $"{BaseUrl}/api/v2/configuration-versions/{id}/download";
            payload["workspace_working_directory"] = configuration.WorkingDirectory;
        }

        return payload;
    }

    private void ConfigurationAsync(HttpContext context, string cvId)
    {
        Interlocked.Increment(ref ConfigurationRequests);
        if (!_configurations.TryGetValue(cvId, out var configuration))
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (context.Request.Headers.Authorization != $"Bearer {configuration.Task.Token}")
        {
            context.Response.StatusCode = 401;
            return;
        }

        // HCP Terraform answers with a 302 to a short-lived object-store URL on another host.
        context.Response.StatusCode = 302;
        context.Response.Headers.Location = $"{ObjectStoreUrl}/configuration-objects/{cvId}";
    }

    private async Task ConfigurationObjectAsync(HttpContext context, string cvId)
    {
        if (!_configurations.TryGetValue(cvId, out var configuration))
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (context.Request.Headers.ContainsKey("Authorization"))
        {
            Interlocked.Increment(ref ConfigurationRequestsWithTokenOnRedirect);
        }

        context.Response.ContentType = "application/x-gzip";
        if (_configurationFaults.TryGetValue(cvId, out var faults) && faults.TryDequeue(out var fault))
        {
            await MisbehaveAsync(context, configuration.Archive, fault);
            return;
        }

        await context.Response.Body.WriteAsync(configuration.Archive);
    }

    private async Task PlanAsync(HttpContext context, string planId)
    {
        if (!_byPlan.TryGetValue(planId, out var task))
        {
            context.Response.StatusCode = 404;
            return;
        }
        Interlocked.Increment(ref task.PlanRequests);
        _changed.Notify();
        if (context.Request.Headers.Authorization != $"Bearer {task.Token}")
        {
            context.Response.StatusCode = 401;
            return;
        }
        if (PlanDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(PlanDelay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the caller gave up (its attempt timed out or its silo stopped)
            }
        }
        if (task.PlanFaults.TryDequeue(out var fault))
        {
            if (fault == FakeTask.Hang)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
                return;
            }
            context.Response.StatusCode = fault;
            return;
        }
        if (task.Plan is null)
        {
            context.Response.StatusCode = 422;
            return;
        }
        context.Response.StatusCode = 307;
        context.Response.Headers.Location = task.AbsoluteRedirect ? $"{ObjectStoreUrl}/objects/{planId}" : $"/objects/{planId}";
        if (_redirects.TryGetValue(planId, out var elsewhere))
        {
            context.Response.Headers.Location = elsewhere;
        }
    }

    private async Task ObjectAsync(HttpContext context, string planId)
    {
        if (!_byPlan.TryGetValue(planId, out var task) || task.Plan is null)
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (context.Request.Headers.ContainsKey("Authorization"))
        {
            Interlocked.Increment(ref PlanRequestsWithTokenOnRedirect);
        }

        context.Response.ContentType = "application/json";
        if (_bodyFaults.TryGetValue(planId, out var faults) && faults.TryDequeue(out var fault))
        {
            await MisbehaveAsync(context, task.Plan, fault);
            return;
        }
        await context.Response.Body.WriteAsync(task.Plan);
    }

    private static async Task MisbehaveAsync(HttpContext context, byte[] plan, PlanBodyFault fault)
    {
        context.Response.ContentLength = plan.Length;
        if (fault == PlanBodyFault.Drip)
        {
            for (var i = 0; i < plan.Length && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(plan.AsMemory(i, 1));
                await context.Response.Body.FlushAsync();
                await Task.Delay(DripInterval, context.RequestAborted).ContinueWith(_ => { });
            }
            return;
        }
        await context.Response.Body.WriteAsync(plan.AsMemory(0, plan.Length / 2));
        await context.Response.Body.FlushAsync();
        if (fault == PlanBodyFault.Truncate)
        {
            await Task.Delay(200); // let the client take the headers first: a reset discards what it has not read
            context.Abort();
        }
        else
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        }
    }

    private async Task CallbackAsync(HttpContext context, string id)
    {
        try
        {
            await AnswerCallbackAsync(context, id);
        }
        finally
        {
            _changed.Notify(); // answered (or failed on purpose): the task's queues and counters have moved
        }
    }

    private async Task AnswerCallbackAsync(HttpContext context, string id)
    {
        if (!_byCallback.TryGetValue(id, out var task))
        {
            context.Response.StatusCode = 404;
            return;
        }
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var callback = new ReceivedCallback(
            context.Request.Headers.Authorization.ToString(),
            context.Request.ContentType ?? "",
            body,
            DateTimeOffset.UtcNow);
        _firstCallback.TrySetResult();
        if (RateLimit is var (every, retryAfter) && Interlocked.Increment(ref _callbackCount) % every == 0)
        {
            CallbackArrivals.Enqueue((callback.At, 429));
            task.Refused.Enqueue(callback);
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.StatusCode = 429;
            return;
        }
        if (FirstRunningRetryAfterSeconds is { } pause && callback.Status == "running" && Interlocked.Exchange(ref task.RunningRefused, 1) == 0)
        {
            CallbackArrivals.Enqueue((callback.At, 429));
            task.Refused.Enqueue(callback);
            context.Response.Headers.RetryAfter = pause.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.StatusCode = 429;
            return;
        }
        if (task.CallbackFaults.TryDequeue(out var fault) && fault.DelayMs > 0)
        {
            await Task.Delay(fault.DelayMs, context.RequestAborted);
        }

        if (fault is { StatusCode: not 0 })
        {
            task.Refused.Enqueue(callback);
            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (fault.Location is { } location)
            {
                context.Response.Headers.Location = location;
            }

            CallbackArrivals.Enqueue((callback.At, fault.StatusCode));
            if (fault.StatusCode == FakeTask.Drop)
            {
                context.Abort();
                return;
            }
            context.Response.StatusCode = fault.StatusCode;
            return;
        }
        if (callback.Authorization != $"Bearer {task.Token}")
        {
            context.Response.StatusCode = 401;
            return;
        }
        if (callback.Status is "passed" or "failed" && task.Finals.Any())
        {
            // HCP Terraform answers 409 to a final for a result already final. Unless the test expects repeats (a kill -9
            // between a final and its record), the first one trips the wire.
            if (!RejectRepeatedFinals)
            {
                UnexpectedRepeats.Enqueue(task.TaskResultId);
            }

            CallbackArrivals.Enqueue((callback.At, 409));
            task.Refused.Enqueue(callback);
            context.Response.StatusCode = 409;
            return;
        }
        CallbackArrivals.Enqueue((callback.At, 200));
        task.Accept(callback);
        context.Response.StatusCode = 200;
    }

    /// <summary>Fails when any task result got a second final while no repeat was expected (the tripwire).</summary>
    public void AssertNoRepeatedFinal()
    {
        if (UnexpectedRepeats.TryPeek(out var taskResultId))
        {
            throw new InvalidOperationException($"task result {taskResultId} got a second final status ({UnexpectedRepeats.Count} repeat(s) in all)");
        }
    }

    /// <summary>Stops the fake; a repeated final seen at any time during the test fails it here at the latest.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        AssertNoRepeatedFinal();
    }
}
