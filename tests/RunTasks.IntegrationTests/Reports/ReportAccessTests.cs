using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RunTasks.Api.ReportPages;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Reports;

/// <summary>
/// Who reaches /reports: people signed in with OpenID Connect (a fake provider on loopback) in an allowed group or
/// e-mail domain; without sign-in, only the management port behind the dashboard's credentials; in Production without
/// either, no one.
/// </summary>
public sealed class ReportAccessTests
{
    [Fact]
    public async Task Without_sign_in_the_pages_answer_only_on_the_management_port_behind_the_dashboard_credentials()
    {
        var management = ApiHost.FreePort();
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["RunTasks:ManagementUrls"] = $"http://127.0.0.1:{management}",
            ["Dashboard:Username"] = "ops",
            ["Dashboard:Password"] = "correct horse battery staple",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{management}") };

        var onPublicPort = await api.Http.GetAsync("/reports");
        var anonymous = await http.GetAsync("/reports");
        using var signed = new HttpRequestMessage(HttpMethod.Get, "/reports");
        signed.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:correct horse battery staple")));
        var withCredentials = await http.SendAsync(signed);

        Assert.Equal(HttpStatusCode.NotFound, onPublicPort.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCredentials.StatusCode);
        Assert.Contains("RunTasks reports", await withCredentials.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_without_sign_in_or_dashboard_credentials_the_pages_are_not_served()
    {
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?> { ["RunTasks:ManagementUrls"] = $"http://127.0.0.1:{ApiHost.FreePort()}" });

        var response = await api.Http.GetAsync("/reports");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await api.Logs.WaitForAsync("The reports are not served", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Anonymous_request_is_sent_to_the_provider_with_a_code_challenge()
    {
        await using var provider = await FakeOpenIdProvider.StartAsync();
        await using var api = await ApiHost.StartAsync(SignIn(provider, groups: "platform"));
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(api.BaseUrl) };

        var response = await http.GetAsync("/reports/runs");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(provider.Authority + "/authorize?", location, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Member_of_an_allowed_group_signs_in_and_reads_the_summary()
    {
        await using var provider = await FakeOpenIdProvider.StartAsync();
        provider.NextUser = new() { ["sub"] = "lead-1", ["name"] = "Pat Lead", ["groups"] = new[] { "developers", "platform" } };
        await using var api = await ApiHost.StartAsync(SignIn(provider, groups: "platform"));

        var (status, body) = await BrowseAsync(api, "/reports");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("RunTasks reports", body, StringComparison.Ordinal);
        Assert.Equal(1, provider.TokensIssued);
        Assert.Equal(0, provider.TokenRequestsRefused);
    }

    [Fact]
    public async Task Signed_in_person_outside_the_allowed_groups_is_refused()
    {
        await using var provider = await FakeOpenIdProvider.StartAsync();
        provider.NextUser = new() { ["sub"] = "dev-1", ["groups"] = new[] { "developers" }, ["email"] = "dev@elsewhere.example", ["email_verified"] = true };
        await using var api = await ApiHost.StartAsync(SignIn(provider, groups: "platform", domain: "acme.example"));

        var (status, body) = await BrowseAsync(api, "/reports");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.DoesNotContain("RunTasks reports", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, HttpStatusCode.OK)]
    [InlineData(false, HttpStatusCode.Forbidden)]
    public async Task Allowed_email_domain_admits_only_a_verified_address(bool verified, HttpStatusCode expected)
    {
        await using var provider = await FakeOpenIdProvider.StartAsync();
        provider.NextUser = new() { ["sub"] = "auditor-1", ["email"] = "auditor@ACME.example", ["email_verified"] = verified };
        await using var api = await ApiHost.StartAsync(SignIn(provider, domain: "acme.example"));

        var (status, _) = await BrowseAsync(api, "/reports");

        Assert.Equal(expected, status);
    }

    private static Dictionary<string, string?> SignIn(FakeOpenIdProvider provider, string? groups = null, string? domain = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RunTasks:Reports:Authority"] = provider.Authority,
            ["RunTasks:Reports:ClientId"] = FakeOpenIdProvider.ClientId,
            ["RunTasks:Reports:ClientSecret"] = FakeOpenIdProvider.ClientSecret,
            ["RunTasks:Reports:RequireHttpsMetadata"] = "false",
            ["RunTasks:PublicBaseUrl"] = null, // the provider sends the browser back to this test's own address
        };
        if (groups is not null)
        {
            settings["RunTasks:Reports:AllowedGroups:0"] = groups;
        }
        if (domain is not null)
        {
            settings["RunTasks:Reports:AllowedEmailDomains:0"] = domain;
        }
        return settings;
    }

    /// <summary>A browser's round trip: redirects followed, cookies kept, through the provider and back.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> BrowseAsync(ApiHost api, string path)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(api.BaseUrl) };
        var response = await http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
