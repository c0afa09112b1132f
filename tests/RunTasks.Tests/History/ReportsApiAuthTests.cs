using System.Net;
using System.Net.Http.Headers;
using RunTasks.Api.Reports;
using RunTasks.Testing;

namespace RunTasks.Tests.History;

/// <summary>Outside Development every history API route needs a configured API token: none or a wrong one is 401.</summary>
public sealed class ReportsApiAuthTests : IAsyncLifetime
{
    private static readonly string Token = ApiTokens.Create();
    private ApiHost _api = null!;

    public static TheoryData<string> Routes() =>
    [
        "/api/v1/task-results", "/api/v1/task-results/none?x=1", "/api/v1/findings?new=true",
        "/api/v1/task-results.csv?from=2026-01-01&to=2026-12-31", "/api/v1/findings.csv?from=2026-01-01&to=2026-12-31",
    ];

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(new Dictionary<string, string?>
    {
        ["RunTasks:Reports:ApiTokenHashes:0"] = ApiTokens.Hash(Token),
    });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task<HttpStatusCode> GetAsync(string route, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, route);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _api.Http.SendAsync(request);
        return response.StatusCode;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Anonymous_is_401(string route) => Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(route, null));

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_wrong_token_is_401(string route) => Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(route, ApiTokens.Create()));

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task The_right_token_is_answered(string route) =>
        Assert.Equal(route.Contains("/none", StringComparison.Ordinal) ? HttpStatusCode.NotFound : HttpStatusCode.OK, await GetAsync(route, Token));
}
