using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RunTasks.Testing;

/// <summary>
/// An OpenID provider on loopback Kestrel for the authorization code flow with PKCE: discovery, keys, an authorize
/// endpoint that signs in <see cref="NextUser"/> without a form, and a token endpoint that checks the client secret,
/// the redirect URI and the code verifier before it issues a signed ID token.
/// </summary>
public sealed class FakeOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "runtasks-reports";
    public const string ClientSecret = "fake-oidc-client-secret-0123456789";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "fake-key-1" };
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new();

    private FakeOpenIdProvider(WebApplication app) => _app = app;

    /// <summary>http://127.0.0.1:port — the issuer.</summary>
    public string Authority { get; private set; } = "";

    /// <summary>The claims of whoever signs in next: sub, name, email, email_verified, groups (a string array)…</summary>
    public Dictionary<string, object> NextUser { get; set; } = new() { ["sub"] = "user-1", ["name"] = "Pat Lead" };

    /// <summary>ID tokens issued.</summary>
    public int TokensIssued;

    /// <summary>Token requests refused (wrong secret, verifier or redirect URI).</summary>
    public int TokenRequestsRefused;

    public static async Task<FakeOpenIdProvider> StartAsync()
    {
        var app = LoopbackApp.Create();
        var provider = new FakeOpenIdProvider(app);
        app.MapGet("/.well-known/openid-configuration", provider.Discovery);
        app.MapGet("/jwks", provider.Keys);
        app.MapGet("/authorize", provider.Authorize);
        app.MapPost("/token", provider.TokenAsync);
        await app.StartAsync();
        var port = LoopbackApp.Port(app);
        provider.Authority = $"http://127.0.0.1:{port}";
        return provider;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Authority,
        ["authorization_endpoint"] = Authority + "/authorize",
        ["token_endpoint"] = Authority + "/token",
        ["jwks_uri"] = Authority + "/jwks",
        ["response_types_supported"] = (string[])["code"],
        ["subject_types_supported"] = (string[])["public"],
        ["id_token_signing_alg_values_supported"] = (string[])["RS256"],
        ["code_challenge_methods_supported"] = (string[])["S256"],
    });

    private IResult Keys()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId });
        return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
    }

    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256"
            || q["redirect_uri"].ToString() is not { Length: > 0 } redirect)
        {
            return Results.BadRequest("bad authorization request");
        }

        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new PendingCode(redirect, q["nonce"].ToString(), q["code_challenge"].ToString(), new Dictionary<string, object>(NextUser));
        return Results.Redirect(QueryHelpers.AddQueryString(redirect, new Dictionary<string, string?> { ["code"] = code, ["state"] = q["state"] }));
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (id, secret) = ClientCredentials(request, form);
        if (form["grant_type"] != "authorization_code" || id != ClientId || secret != ClientSecret
            || !_codes.TryRemove(form["code"].ToString(), out var pending)
            || form["redirect_uri"] != pending.RedirectUri
            || Challenge(form["code_verifier"].ToString()) != pending.CodeChallenge)
        {
            Interlocked.Increment(ref TokenRequestsRefused);
            return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
        }

        var claims = new Dictionary<string, object>(pending.User) { ["nonce"] = pending.Nonce };
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = ClientId,
            Claims = claims,
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
        Interlocked.Increment(ref TokensIssued);
        return Results.Json(new { access_token = "fake-access-" + Guid.NewGuid().ToString("N"), token_type = "Bearer", expires_in = 600, id_token = idToken });
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : null);
        }
        return (form["client_id"], form["client_secret"]);
    }

    private static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private sealed record PendingCode(string RedirectUri, string Nonce, string CodeChallenge, Dictionary<string, object> User);
}
