using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace RunTasks.Grains.Notifications;

/// <summary>Merge request notes through GitLab's REST API v4 (gitlab.com or self-managed), with a project or group access token.</summary>
public sealed class GitLabNotes : IPullRequestComments
{
    private const int PageSize = 100;
    private const int MaxPages = 30;

    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _time;
    private readonly string _apiUrl;
    // Read on first use: a token file gone after start-up fails the notification, not the grain that sends it.
    private readonly Lazy<string?> _token;

    public GitLabNotes(IHttpClientFactory clients, IOptions<NotificationOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clients = clients;
        _time = time;
        var gitlab = options.Value.GitLab;
        _apiUrl = gitlab.Url.TrimEnd('/') + "/api/v4";
        _token = new(() => gitlab.IsConfigured ? SecretText.Read(gitlab.Token, gitlab.TokenPath) : null, LazyThreadSafetyMode.PublicationOnly);
    }

    public async Task<IReadOnlyList<ExistingComment>> FindAsync(PullRequestRef pr, string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pr);
        var found = new List<ExistingComment>();
        for (var page = 1; page <= MaxPages; page++)
        {
            using var request = Request(HttpMethod.Get, $"{Notes(pr)}?per_page={PageSize}&page={page}&sort=asc&order_by=created_at");
            using var json = await NotificationHttp.JsonAsync(Client, request, _time, cancellationToken);
            var count = 0;
            foreach (var note in json.RootElement.EnumerateArray())
            {
                count++;
                if (note.GetProperty("body").GetString() is { } body && body.Contains(scope, StringComparison.Ordinal))
                {
                    found.Add(new ExistingComment(note.GetProperty("id").GetInt64(), body));
                }
            }

            if (count < PageSize)
            {
                break;
            }
        }

        return [.. found.OrderBy(c => c.Id)];
    }

    public async Task<long> CreateAsync(PullRequestRef pr, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pr);
        using var request = Request(HttpMethod.Post, Notes(pr));
        request.Content = NotificationHttp.JsonBody(JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["body"] = body }));
        using var json = await NotificationHttp.JsonAsync(Client, request, _time, cancellationToken);
        return json.RootElement.GetProperty("id").GetInt64();
    }

    public async Task EditAsync(PullRequestRef pr, long id, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pr);
        using var request = Request(HttpMethod.Put, $"{Notes(pr)}/{id}");
        request.Content = NotificationHttp.JsonBody(JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["body"] = body }));
        using var response = await NotificationHttp.SendAsync(Client, request, _time, cancellationToken);
    }

    public async Task DeleteAsync(PullRequestRef pr, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pr);
        using var request = Request(HttpMethod.Delete, $"{Notes(pr)}/{id}");
        using var response = await NotificationHttp.SendAsync(Client, request, _time, cancellationToken);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, $"{_apiUrl}/{path}");
        request.Headers.TryAddWithoutValidation("PRIVATE-TOKEN", Token() ?? throw new NotificationFailedException("RunTasks:GitLab has no token"));
        return request;
    }

    private string? Token()
    {
        try
        {
            return _token.Value;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotificationFailedException(NotificationResult.Rejected($"the GitLab token could not be read ({e.GetType().Name})"));
        }
    }

    private static string Notes(PullRequestRef pr) => $"projects/{Uri.EscapeDataString(pr.Repository)}/merge_requests/{pr.Number}/notes";

    private HttpClient Client => _clients.CreateClient(NotificationHttp.HttpClientName);
}
