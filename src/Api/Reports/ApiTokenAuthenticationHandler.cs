using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using RunTasks.Api.Hosting;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RunTasks.Api.Reports;

/// <summary>
/// <c>Authorization: Bearer TOKEN</c> for the history API, checked against <c>RunTasks:Reports:ApiTokenHashes</c>;
/// on the management port also <c>Basic</c> with the dashboard's credentials (<c>Dashboard:Username</c>/<c>Password</c>),
/// so an operator reaches it as they reach the dashboard. No header means no result (another scheme may still sign
/// the caller in); wrong credentials fail.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemes,
    IOptions<ReportsOptions> reports,
    IOptions<DashboardOptions> dashboard,
    ManagementPort management,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(schemes, logger, encoder)
{
    public const string SchemeName = "RunTasksApiToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && management.IsConfigured && management.IsManagementRequest(Context))
        {
            return Task.FromResult(IsDashboardUser(header.Parameter) ? Success("dashboard") : AuthenticateResult.Fail("Not the dashboard's credentials."));
        }

        if (!header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (header.Parameter is not { Length: > 0 } token || !ApiTokens.Matches(token, reports.Value.ApiTokenHashes))
        {
            return Task.FromResult(AuthenticateResult.Fail("The API token is not one of RunTasks:Reports:ApiTokenHashes."));
        }

        return Task.FromResult(Success("api-token"));
    }

    private static AuthenticateResult Success(string name) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], SchemeName)), SchemeName));

    private bool IsDashboardUser(string? parameter)
    {
        if (dashboard.Value is not { Username: { Length: > 0 } user, Password: { Length: > 0 } password } || parameter is null)
        {
            return false;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromBase64String(parameter);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(presented), SHA256.HashData(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"RunTasks reports\"";
        return Task.CompletedTask;
    }
}
