using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace RunTasks.Load;

/// <summary>
/// GitHub's issue-comment API on loopback Kestrel, for pull request comment runs: keeps every comment, counts writes,
/// and can hold every request for a while (a stalled forge).
/// </summary>
public sealed class FakeGitHubServer : IAsyncDisposable
{
    public const string Token = "load-github-token";

    private readonly WebApplication _app;
    private readonly TimeSpan _stall;
    private readonly ConcurrentDictionary<long, (string Pr, string Body, DateTimeOffset At)> _comments = new();
    private long _nextId;
    private int _creates;
    private int _edits;
    private int _deletes;
    private int _requests;

    private FakeGitHubServer(WebApplication app, TimeSpan stall)
    {
        _app = app;
        _stall = stall;
    }

    public string BaseUrl { get; private set; } = "";
    public int Port { get; private set; }
    public int Creates => _creates;
    public int Edits => _edits;
    public int Deletes => _deletes;
    public int Requests => _requests;

    /// <summary>The comments of each pull request (owner/repo#N), with when each was last written.</summary>
    public ILookup<string, (string Body, DateTimeOffset At)> Comments => _comments.Values.ToLookup(c => c.Pr, c => (c.Body, c.At));

    public string PullRequestUrl(int number) => $"{BaseUrl}/acme/infra/pull/{number}";

    /// <summary>What the service needs to comment here.</summary>
    public IEnumerable<string> ServiceArgs =>
    [
        $"--RunTasks:GitHub:ApiUrl={BaseUrl}",
        $"--RunTasks:GitHub:Hosts:0=127.0.0.1:{Port}",
        $"--RunTasks:GitHub:Token={Token}",
    ];

    public static async Task<FakeGitHubServer> StartAsync(TimeSpan stall)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var github = new FakeGitHubServer(app, stall);
        app.Use(github.StallAsync);
        app.MapGet("/repos/{owner}/{repo}/issues/{number}/comments", github.List);
        app.MapPost("/repos/{owner}/{repo}/issues/{number}/comments", github.CreateAsync);
        app.MapMethods("/repos/{owner}/{repo}/issues/comments/{id}", ["PATCH"], github.EditAsync);
        app.MapDelete("/repos/{owner}/{repo}/issues/comments/{id}", github.Delete);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        github.Port = address.Port;
        github.BaseUrl = $"http://127.0.0.1:{address.Port}";
        return github;
    }

    private async Task StallAsync(HttpContext context, RequestDelegate next)
    {
        Interlocked.Increment(ref _requests);
        if (context.Request.Headers.Authorization != $"Bearer {Token}")
        {
            context.Response.StatusCode = 401;
            return;
        }

        if (_stall > TimeSpan.Zero)
        {
            await Task.Delay(_stall, context.RequestAborted);
        }

        await next(context);
    }

    private IResult List(HttpContext context, string owner, string repo, int number)
    {
        var page = int.Parse(context.Request.Query["page"].FirstOrDefault() ?? "1", CultureInfo.InvariantCulture);
        var perPage = int.Parse(context.Request.Query["per_page"].FirstOrDefault() ?? "30", CultureInfo.InvariantCulture);
        var pr = $"{owner}/{repo}#{number}";
        return Results.Json(_comments.Where(c => c.Value.Pr == pr).OrderBy(c => c.Key).Skip((page - 1) * perPage).Take(perPage)
            .Select(c => new { id = c.Key, body = c.Value.Body }));
    }

    private async Task<IResult> CreateAsync(HttpContext context, string owner, string repo, int number)
    {
        var id = Interlocked.Increment(ref _nextId);
        _comments[id] = ($"{owner}/{repo}#{number}", await BodyAsync(context), DateTimeOffset.UtcNow);
        Interlocked.Increment(ref _creates);
        return Results.Json(new { id }, statusCode: 201);
    }

    private async Task<IResult> EditAsync(HttpContext context, long id)
    {
        var body = await BodyAsync(context);
        if (!_comments.TryGetValue(id, out var comment))
        {
            return Results.NotFound();
        }

        _comments[id] = (comment.Pr, body, DateTimeOffset.UtcNow);
        Interlocked.Increment(ref _edits);
        return Results.Json(new { id });
    }

    private IResult Delete(long id)
    {
        Interlocked.Increment(ref _deletes);
        return _comments.TryRemove(id, out _) ? Results.NoContent() : Results.NotFound();
    }

    private static async Task<string> BodyAsync(HttpContext context)
    {
        using var json = await JsonDocument.ParseAsync(context.Request.Body);
        return json.RootElement.GetProperty("body").GetString() ?? "";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
