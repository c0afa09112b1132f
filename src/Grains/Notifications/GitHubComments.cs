using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace RunTasks.Grains.Notifications;

/// <summary>
/// Pull request comments through GitHub's REST API (issue comments; github.com or GitHub Enterprise Server's <c>/api/v3</c>).
/// A typed client over the service's own HttpClient rather than Octokit: see docs/operations.md ("Notifications").
/// </summary>
public sealed class GitHubComments(IHttpClientFactory clients, GitHubCredentials credentials, IOptions<NotificationOptions> options, TimeProvider time) : IPullRequestComments
{
    private const int PageSize = 100;
    private const int MaxPages = 30;

    private string ApiUrl => options.Value.GitHub.ApiUrl;

    public async Task<IReadOnlyList<ExistingComment>> FindAsync(PullRequestRef pr, string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pr);
        var found = new List<ExistingComment>();
        for (var page = 1; page <= MaxPages; page++)
        {
            using var request = await AuthorisedAsync(HttpMethod.Get, $"{Repo(pr)}/issues/{pr.Number}/comments?per_page={PageSize}&page={page}", pr, cancellationToken);
            using var json = await NotificationHttp.JsonAsync(Client, request, time, cancellationToken);
            var count = 0;
            foreach (var comment in json.RootElement.EnumerateArray())
            {
                count++;
                if (comment.GetProperty("body").GetString() is { } body && body.Contains(scope, StringComparison.Ordinal))
                {
                    found.Add(new ExistingComment(comment.GetProperty("id").GetInt64(), body));
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
        using var request = await AuthorisedAsync(HttpMethod.Post, $"{Repo(pr)}/issues/{pr.Number}/comments", pr, cancellationToken);
        request.Content = NotificationHttp.JsonBody(JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["body"] = body }));
        using var json = await NotificationHttp.JsonAsync(Client, request, time, cancellationToken);
        return json.RootElement.GetProperty("id").GetInt64();
    }

    public async Task EditAsync(PullRequestRef pr, long id, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pr);
        using var request = await AuthorisedAsync(HttpMethod.Patch, $"{Repo(pr)}/issues/comments/{id}", pr, cancellationToken);
        request.Content = NotificationHttp.JsonBody(JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["body"] = body }));
        using var response = await NotificationHttp.SendAsync(Client, request, time, cancellationToken);
    }

    public async Task DeleteAsync(PullRequestRef pr, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pr);
        using var request = await AuthorisedAsync(HttpMethod.Delete, $"{Repo(pr)}/issues/comments/{id}", pr, cancellationToken);
        using var response = await NotificationHttp.SendAsync(Client, request, time, cancellationToken);
    }

    /// <summary>A request to GitHub's API with the headers GitHub asks every client for.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string apiUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        var request = new HttpRequestMessage(method, $"{apiUrl.TrimEnd('/')}/{path}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("RunTasks", "1.0"));
        request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", "2022-11-28");
        return request;
    }

    private async Task<HttpRequestMessage> AuthorisedAsync(HttpMethod method, string path, PullRequestRef pr, CancellationToken cancellationToken)
    {
        var token = await credentials.TokenAsync(pr, cancellationToken);
        var request = Request(method, ApiUrl, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static string Repo(PullRequestRef pr) => $"repos/{Uri.EscapeDataString(pr.Owner)}/{Uri.EscapeDataString(pr.Name)}";

    private HttpClient Client => clients.CreateClient(NotificationHttp.HttpClientName);
}
