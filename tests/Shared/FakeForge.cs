using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RunTasks.Testing;

/// <summary>
/// GitHub (REST under <c>/github</c>: issue comments, App installation and access tokens with JWTs verified against the
/// App's public key) and GitLab (REST v4 under <c>/gitlab</c>: merge request notes) on loopback Kestrel. Keeps the
/// comments, records every request, and can fail, hold or stall answers.
/// </summary>
public sealed class FakeForge : IAsyncDisposable
{
    public const string GitHubToken = "ghp_fake_static_token";
    public const string GitLabToken = "glpat-fake-token";
    public const long InstallationId = 77;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<long, FakeComment> _comments = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _installationTokens = new();
    private long _nextId = 1000;
    private readonly ChangeSignal _changed = new();

    private FakeForge(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>host:port, for RunTasks:GitHub:Hosts.</summary>
    public string Authority => new Uri(BaseUrl).Authority;

    public string GitHubApiUrl => $"{BaseUrl}/github";

    public string GitLabUrl => $"{BaseUrl}/gitlab";

    public string GitHubPullRequest(string repository, int number) => $"{BaseUrl}/{repository}/pull/{number}";

    public string GitLabMergeRequest(string project, int number) => $"{GitLabUrl}/{project}/-/merge_requests/{number}";

    /// <summary>The App's key pair: RunTasks signs with the private key, the fake verifies with the public one.</summary>
    public RSA AppKey { get; } = RSA.Create(2048);

    public const long AppId = 4242;

    /// <summary>How long an installation token lives (GitHub: one hour).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The clock the fake stamps expiries with.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    public int InstallationLookups;
    public int TokensIssued;
    public int JwtRejected;

    /// <summary>Answers given to the next comment writes (POST, PATCH, PUT) instead of performing them.</summary>
    public ConcurrentQueue<int> WriteFaults { get; } = new();

    /// <summary>When set, every request waits for it before it is answered (a stalled forge).</summary>
    public TaskCompletionSource? Stall { get; set; }

    /// <summary>When set, the next comment is created and recorded, then its answer is held until the client gives up.</summary>
    public bool HoldAfterCreate { get; set; }

    private readonly TaskCompletionSource _firstHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a request is held by <see cref="Stall"/> or <see cref="HoldAfterCreate"/>.</summary>
    public Task FirstHeld => _firstHeld.Task;

    /// <summary>Every request as it arrived: method, path and body.</summary>
    public ConcurrentQueue<(string Method, string Path, string Body, string Authorization)> Requests { get; } = new();

    public int Creates;
    public int Edits;

    public IReadOnlyList<FakeComment> Comments => [.. _comments.Values.OrderBy(c => c.Id)];

    public IReadOnlyList<FakeComment> CommentsOn(string thread) => [.. Comments.Where(c => c.Thread == thread)];

    public static async Task<FakeForge> StartAsync()
    {
        var app = LoopbackApp.Create();
        var forge = new FakeForge(app);
        app.Use(forge.RecordAsync);
        app.MapGet("/github/repos/{owner}/{repo}/issues/{number}/comments", forge.GitHubListAsync);
        app.MapPost("/github/repos/{owner}/{repo}/issues/{number}/comments", forge.GitHubCreateAsync);
        app.MapMethods("/github/repos/{owner}/{repo}/issues/comments/{id}", ["PATCH"], forge.EditAsync);
        app.MapDelete("/github/repos/{owner}/{repo}/issues/comments/{id}", forge.DeleteAsync);
        app.MapGet("/github/repos/{owner}/{repo}/installation", forge.InstallationAsync);
        app.MapPost("/github/app/installations/{id}/access_tokens", forge.AccessTokenAsync);
        app.MapGet("/gitlab/api/v4/projects/{project}/merge_requests/{iid}/notes", forge.GitLabListAsync);
        app.MapPost("/gitlab/api/v4/projects/{project}/merge_requests/{iid}/notes", forge.GitLabCreateAsync);
        app.MapPut("/gitlab/api/v4/projects/{project}/merge_requests/{iid}/notes/{id}", forge.EditAsync);
        app.MapDelete("/gitlab/api/v4/projects/{project}/merge_requests/{iid}/notes/{id}", forge.DeleteAsync);
        await app.StartAsync();
        var port = LoopbackApp.Port(app);
        forge.BaseUrl = $"http://127.0.0.1:{port}";
        return forge;
    }

    /// <summary>Waits, without sleeping, until the comments satisfy <paramref name="condition"/>.</summary>
    public Task WhenAsync(Func<IReadOnlyList<FakeComment>, bool> condition, TimeSpan timeout) => _changed.WhenAsync(() => condition(Comments), timeout);

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.EnableBuffering();
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
        context.Request.Body.Position = 0;
        var authorization = context.Request.Headers.Authorization.ToString() + context.Request.Headers["PRIVATE-TOKEN"];
        Requests.Enqueue((context.Request.Method, context.Request.Path.Value ?? "", body, authorization));
        if (Stall is { } stall)
        {
            _firstHeld.TrySetResult();
            await stall.Task.WaitAsync(context.RequestAborted).ContinueWith(_ => { });
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }

        await next(context);
    }

    private bool GitHubAuthorised(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header == $"Bearer {GitHubToken}"
            || (header.StartsWith("Bearer ", StringComparison.Ordinal) && _installationTokens.TryGetValue(header[7..], out var expires) && expires > Time.GetUtcNow());
    }

    private IResult GitHubListAsync(HttpContext context, string owner, string repo, int number)
    {
        if (!GitHubAuthorised(context))
        {
            return Results.StatusCode(401);
        }

        var page = int.Parse(context.Request.Query["page"].FirstOrDefault() ?? "1", CultureInfo.InvariantCulture);
        var perPage = int.Parse(context.Request.Query["per_page"].FirstOrDefault() ?? "30", CultureInfo.InvariantCulture);
        return Results.Json(CommentsOn($"{owner}/{repo}#{number}").Skip((page - 1) * perPage).Take(perPage)
            .Select(c => new { id = c.Id, body = c.Body }));
    }

    private Task<IResult> GitHubCreateAsync(HttpContext context, string owner, string repo, int number) =>
        GitHubAuthorised(context) ? CreateAsync(context, $"{owner}/{repo}#{number}") : Task.FromResult(Results.StatusCode(401));

    private IResult GitLabListAsync(HttpContext context, string project, int iid)
    {
        if (context.Request.Headers["PRIVATE-TOKEN"] != GitLabToken)
        {
            return Results.StatusCode(401);
        }

        var page = int.Parse(context.Request.Query["page"].FirstOrDefault() ?? "1", CultureInfo.InvariantCulture);
        var perPage = int.Parse(context.Request.Query["per_page"].FirstOrDefault() ?? "20", CultureInfo.InvariantCulture);
        return Results.Json(CommentsOn($"{Uri.UnescapeDataString(project)}!{iid}").Skip((page - 1) * perPage).Take(perPage)
            .Select(c => new { id = c.Id, body = c.Body, system = false }));
    }

    private Task<IResult> GitLabCreateAsync(HttpContext context, string project, int iid) =>
        context.Request.Headers["PRIVATE-TOKEN"] == GitLabToken
            ? CreateAsync(context, $"{Uri.UnescapeDataString(project)}!{iid}")
            : Task.FromResult(Results.StatusCode(401));

    private async Task<IResult> CreateAsync(HttpContext context, string thread)
    {
        if (WriteFaults.TryDequeue(out var fault))
        {
            return Results.StatusCode(fault);
        }

        var body = await BodyAsync(context);
        var comment = new FakeComment(Interlocked.Increment(ref _nextId), thread, body, 0);
        _comments[comment.Id] = comment;
        Interlocked.Increment(ref Creates);
        Changed();
        if (HoldAfterCreate)
        {
            HoldAfterCreate = false;
            _firstHeld.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            return Results.StatusCode(504);
        }

        return Results.Json(new { id = comment.Id, body = comment.Body }, statusCode: 201);
    }

    private async Task<IResult> EditAsync(HttpContext context, long id)
    {
        if (!GitHubAuthorised(context) && context.Request.Headers["PRIVATE-TOKEN"] != GitLabToken)
        {
            return Results.StatusCode(401);
        }

        if (WriteFaults.TryDequeue(out var fault))
        {
            return Results.StatusCode(fault);
        }

        if (!_comments.TryGetValue(id, out var comment))
        {
            return Results.NotFound();
        }

        _comments[id] = comment with { Body = await BodyAsync(context), Edits = comment.Edits + 1 };
        Interlocked.Increment(ref Edits);
        Changed();
        return Results.Json(new { id, body = _comments[id].Body });
    }

    private IResult DeleteAsync(HttpContext context, long id)
    {
        if (!GitHubAuthorised(context) && context.Request.Headers["PRIVATE-TOKEN"] != GitLabToken)
        {
            return Results.StatusCode(401);
        }

        var removed = _comments.TryRemove(id, out _);
        Changed();
        return removed ? Results.NoContent() : Results.NotFound();
    }

    private IResult InstallationAsync(HttpContext context, string owner, string repo)
    {
        if (!ValidJwt(context))
        {
            return Results.StatusCode(401);
        }

        Interlocked.Increment(ref InstallationLookups);
        return Results.Json(new { id = InstallationId, account = new { login = owner } });
    }

    private IResult AccessTokenAsync(HttpContext context, long id)
    {
        if (!ValidJwt(context) || id != InstallationId)
        {
            return Results.StatusCode(401);
        }

        var token = "ghs_" + Guid.NewGuid().ToString("N");
        var expires = Time.GetUtcNow() + TokenLifetime;
        _installationTokens[token] = expires;
        Interlocked.Increment(ref TokensIssued);
        return Results.Json(new { token, expires_at = expires.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) }, statusCode: 201);
    }

    /// <summary>An RS256 JWT signed by the App's key, issued for the App, not expired, not issued in the future.</summary>
    private bool ValidJwt(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var parts = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..].Split('.') : [];
        var valid = parts.Length == 3
            && AppKey.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]),
                HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            && JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])) is JsonObject claims
            && (string?)claims["iss"] == AppId.ToString(CultureInfo.InvariantCulture)
            && (long)claims["exp"]! > Time.GetUtcNow().ToUnixTimeSeconds()
            && (long)claims["iat"]! <= Time.GetUtcNow().ToUnixTimeSeconds()
            && (long)claims["exp"]! - (long)claims["iat"]! <= 600;
        if (!valid)
        {
            Interlocked.Increment(ref JwtRejected);
        }

        return valid;
    }

    private static async Task<string> BodyAsync(HttpContext context)
    {
        context.Request.Body.Position = 0;
        using var json = await JsonDocument.ParseAsync(context.Request.Body);
        return json.RootElement.GetProperty("body").GetString() ?? "";
    }

    private void Changed() => _changed.Notify();

    public async ValueTask DisposeAsync()
    {
        Stall?.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
        AppKey.Dispose();
    }
}
