using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace RunTasks.Grains.Notifications;

/// <summary>
/// The token GitHub calls carry: the configured token, or the GitHub App's installation token (a JWT signed with the App's
/// key buys it; it is cached per installation and bought again 5 minutes before it expires). The installation is the
/// configured one, or found from the repository.
/// </summary>
public sealed class GitHubCredentials : IDisposable
{
    /// <summary>How long before its expiry an installation token is replaced.</summary>
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    private readonly GitHubOptions _options;
    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _time;
    private readonly string? _token;
    private readonly RSA? _key;
    private readonly ConcurrentDictionary<long, (string Token, DateTimeOffset ExpiresAt)> _tokens = new();
    private readonly ConcurrentDictionary<string, long> _installations = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _buying = new(1, 1);

    public GitHubCredentials(IOptions<NotificationOptions> options, IHttpClientFactory clients, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.GitHub;
        _clients = clients;
        _time = time;
        if (_options.UsesApp)
        {
            _key = GitHubJwt.LoadKey(SecretText.Read(_options.PrivateKey, _options.PrivateKeyPath) ?? "");
        }
        else if (_options.IsConfigured)
        {
            _token = SecretText.Read(_options.Token, _options.TokenPath);
        }
    }

    /// <summary>Installation tokens bought so far (tests and the timeline of a refresh).</summary>
    public int TokensIssued => _issued;

    private int _issued;

    public async Task<string> TokenAsync(PullRequestRef pr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pr);
        if (_key is null)
        {
            return _token ?? throw new NotificationFailedException("RunTasks:GitHub has no token");
        }

        var installation = _options.InstallationId ?? await InstallationAsync(pr, cancellationToken);
        if (Fresh(installation) is { } token)
        {
            return token;
        }

        await _buying.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(installation) is { } bought)
            {
                return bought; // another send bought it meanwhile
            }

            using var request = AppRequest(HttpMethod.Post, $"app/installations/{installation}/access_tokens");
            using var json = await NotificationHttp.JsonAsync(Client, request, _time, cancellationToken);
            var value = json.RootElement.GetProperty("token").GetString() ?? throw new NotificationFailedException("GitHub returned no installation token");
            var expires = json.RootElement.GetProperty("expires_at").GetDateTimeOffset();
            _tokens[installation] = (value, expires);
            Interlocked.Increment(ref _issued);
            return value;
        }
        finally
        {
            _buying.Release();
        }
    }

    private string? Fresh(long installation) =>
        _tokens.TryGetValue(installation, out var cached) && cached.ExpiresAt - RefreshBefore > _time.GetUtcNow() ? cached.Token : null;

    private async Task<long> InstallationAsync(PullRequestRef pr, CancellationToken cancellationToken)
    {
        if (_installations.TryGetValue(pr.Repository, out var known))
        {
            return known;
        }

        using var request = AppRequest(HttpMethod.Get, $"repos/{Uri.EscapeDataString(pr.Owner)}/{Uri.EscapeDataString(pr.Name)}/installation");
        using var json = await NotificationHttp.JsonAsync(Client, request, _time, cancellationToken);
        var id = json.RootElement.GetProperty("id").GetInt64();
        _installations[pr.Repository] = id;
        return id;
    }

    private HttpRequestMessage AppRequest(HttpMethod method, string path)
    {
        var request = GitHubComments.Request(method, _options.ApiUrl, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GitHubJwt.Create(_options.AppId!.Value, _key!, _time.GetUtcNow()));
        return request;
    }

    private HttpClient Client => _clients.CreateClient(NotificationHttp.HttpClientName);

    public void Dispose()
    {
        _key?.Dispose();
        _buying.Dispose();
    }
}
