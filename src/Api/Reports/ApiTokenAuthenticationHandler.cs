using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RunTasks.Api.Reports;

/// <summary>
/// <c>Authorization: Bearer TOKEN</c> for the history API, checked against <c>RunTasks:Reports:ApiTokenHashes</c>.
/// No header means no result (another scheme may still sign the caller in); a wrong token fails.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemes,
    IOptions<ReportsOptions> reports,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(schemes, logger, encoder)
{
    public const string SchemeName = "RunTasksApiToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (header.Parameter is not { Length: > 0 } token || !ApiTokens.Matches(token, reports.Value.ApiTokenHashes))
        {
            return Task.FromResult(AuthenticateResult.Fail("The API token is not one of RunTasks:Reports:ApiTokenHashes."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-token")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"RunTasks reports\"";
        return Task.CompletedTask;
    }
}
