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
    // Read on first use, not when a grain activates: a credential file gone after start-up fails the notification, not the grain.
    private readonly Lazy<string?> _token;
    private readonly Lazy<RSA?> _key;
    private readonly ConcurrentDictionary<long, (string Token, DateTimeOffset ExpiresAt)> _tokens = new();
    private readonly ConcurrentDictionary<string, long> _installations = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _buying = new(1, 1);

    public GitHubCredentials(IOptions<NotificationOptions> options, IHttpClientFactory clients, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.GitHub;
        _clients = clients;
        _time = time;
        var github = _options;
        _key = new(() => github.UsesApp ? GitHubJwt.LoadKey(SecretText.Read(github.PrivateKey, github.PrivateKeyPath) ?? "") : null, LazyThreadSafetyMode.PublicationOnly);
        _token = new(() => github.UsesApp ? null : SecretText.Read(github.Token, github.TokenPath), LazyThreadSafetyMode.PublicationOnly);
    }

    /// <summary>Installation tokens bought so far (tests and the timeline of a refresh).</summary>
    public int TokensIssued => _issued;

    private int _issued;

    public async Task<string> TokenAsync(PullRequestRef pr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pr);
        if (!_options.UsesApp)
        {
            return Credential(() => _token.Value) ?? throw new NotificationFailedException("RunTasks:GitHub has no token");
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
        var key = Credential(() => _key.Value) ?? throw new NotificationFailedException("RunTasks:GitHub has no App key");
        var request = GitHubComments.Request(method, _options.ApiUrl, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GitHubJwt.Create(_options.AppId!.Value, key, _time.GetUtcNow()));
        return request;
    }

    /// <summary>A credential read from configuration or its file; a failure to read it is a refusal naming no secret.</summary>
    private static T? Credential<T>(Func<T?> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            throw new NotificationFailedException(NotificationResult.Rejected($"the GitHub credential could not be read ({e.GetType().Name})"));
        }
    }

    private HttpClient Client => _clients.CreateClient(NotificationHttp.HttpClientName);

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value?.Dispose();
        }

        _buying.Dispose();
    }
}
