using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RunTasks.Grains.Notifications;
using RunTasks.Testing;

namespace RunTasks.Tests.Notifications;

/// <summary>The GitHub App flow against the fake: a JWT the fake verifies with the App's public key, an installation token, its refresh.</summary>
public sealed class GitHubAppTokenTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));
    private FakeForge _forge = null!;
    private string _keyPath = null!;

    public async Task InitializeAsync()
    {
        _forge = await FakeForge.StartAsync();
        _forge.Time = _time;
        _keyPath = Path.GetTempFileName();
        await File.WriteAllTextAsync(_keyPath, _forge.AppKey.ExportPkcs8PrivateKeyPem());
    }

    private ServiceProvider Services(long? installation = null) => ForgeServices.Create(new Dictionary<string, string?>
    {
        ["RunTasks:GitHub:ApiUrl"] = _forge.GitHubApiUrl,
        ["RunTasks:GitHub:Hosts:0"] = _forge.Authority,
        ["RunTasks:GitHub:AppId"] = FakeForge.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RunTasks:GitHub:PrivateKeyPath"] = _keyPath,
        ["RunTasks:GitHub:InstallationId"] = installation?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }, _time);

    private static readonly PullRequestRef Pr = new(ForgeKinds.GitHub, "acme/infra", 7);

    [Fact]
    public async Task App_finds_its_installation_from_the_repository_and_buys_a_token_with_a_verified_jwt()
    {
        await using var services = Services();
        var credentials = services.GetRequiredService<GitHubCredentials>();

        var token = await credentials.TokenAsync(Pr, CancellationToken.None);

        Assert.StartsWith("ghs_", token, StringComparison.Ordinal);
        Assert.Equal((1, 1, 0), (_forge.InstallationLookups, _forge.TokensIssued, _forge.JwtRejected));
    }

    [Fact]
    public async Task Installation_token_is_reused_while_fresh()
    {
        await using var services = Services(FakeForge.InstallationId);
        var credentials = services.GetRequiredService<GitHubCredentials>();

        var first = await credentials.TokenAsync(Pr, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(50));
        var second = await credentials.TokenAsync(Pr, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal((0, 1), (_forge.InstallationLookups, _forge.TokensIssued));
    }

    [Fact]
    public async Task Installation_token_is_replaced_five_minutes_before_it_expires()
    {
        await using var services = Services(FakeForge.InstallationId);
        var credentials = services.GetRequiredService<GitHubCredentials>();

        var first = await credentials.TokenAsync(Pr, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(56));
        var second = await credentials.TokenAsync(Pr, CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.Equal(2, _forge.TokensIssued);
        Assert.Equal(0, _forge.JwtRejected); // the second JWT was signed at the new time, within its 10-minute window
    }

    [Fact]
    public async Task Comment_written_through_the_app_carries_the_installation_token()
    {
        await using var services = Services();
        var commenter = services.GetRequiredService<PullRequestCommenter>();

        var result = await commenter.SendAsync(NotificationSamples.Subject(NotificationSamples.Failed()) with
        {
            PullRequestUrl = _forge.GitHubPullRequest("acme/infra", 7),
        }, CancellationToken.None);

        Assert.Equal("created", result.Outcome);
        Assert.StartsWith("Bearer ghs_", _forge.Requests.Last(r => r.Method == "POST" && r.Path.EndsWith("/comments", StringComparison.Ordinal)).Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jwt_signed_by_another_key_is_refused_by_the_fake()
    {
        using var other = RSA.Create(2048);
        await File.WriteAllTextAsync(_keyPath, other.ExportPkcs8PrivateKeyPem());
        await using var services = Services();
        var credentials = services.GetRequiredService<GitHubCredentials>();

        var refused = await Assert.ThrowsAsync<NotificationFailedException>(() => credentials.TokenAsync(Pr, CancellationToken.None));

        Assert.Equal(NotificationResultKind.Rejected, refused.Result.Kind);
        Assert.Equal(1, _forge.JwtRejected);
    }

    [Fact]
    public async Task Token_file_removed_after_start_refuses_the_comment_and_names_no_secret()
    {
        var tokenPath = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokenPath, FakeForge.GitHubToken);
        await using var services = ForgeServices.Create(new Dictionary<string, string?>
        {
            ["RunTasks:GitHub:ApiUrl"] = _forge.GitHubApiUrl,
            ["RunTasks:GitHub:Hosts:0"] = _forge.Authority,
            ["RunTasks:GitHub:TokenPath"] = tokenPath,
        });
        var commenter = services.GetRequiredService<PullRequestCommenter>();
        File.Delete(tokenPath);

        var refused = await Assert.ThrowsAsync<NotificationFailedException>(() => commenter.SendAsync(
            NotificationSamples.Subject(NotificationSamples.Failed()) with { PullRequestUrl = _forge.GitHubPullRequest("acme/infra", 7) }, CancellationToken.None));

        Assert.Equal("the GitHub credential could not be read (FileNotFoundException)", refused.Result.Detail);
    }

    public async Task DisposeAsync()
    {
        await _forge.DisposeAsync();
        File.Delete(_keyPath);
    }
}
