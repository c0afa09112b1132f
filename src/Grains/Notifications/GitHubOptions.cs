namespace RunTasks.Grains.Notifications;

/// <summary><c>RunTasks:GitHub</c>: github.com or a GitHub Enterprise Server, through a token or a GitHub App.</summary>
public sealed class GitHubOptions
{
    /// <summary>The REST API base: <c>https://api.github.com</c>, or <c>https://HOST/api/v3</c> for GitHub Enterprise Server.</summary>
    public string ApiUrl { get; set; } = "https://api.github.com";

    /// <summary>Web hosts (host or host:port, as in RunTasks:AllowedHosts) whose pull request URLs belong to this GitHub.</summary>
    public string[]? Hosts { get; set; }

    /// <summary>A token with permission to write pull request comments (or <see cref="TokenPath"/>).</summary>
    public string? Token { get; set; }

    /// <summary>A file holding the token, e.g. a mounted secret.</summary>
    public string? TokenPath { get; set; }

    /// <summary>The GitHub App's id; with <see cref="PrivateKey"/> or <see cref="PrivateKeyPath"/> instead of a token.</summary>
    public long? AppId { get; set; }

    /// <summary>The App's private key (PEM) in the configuration itself.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>A file holding the App's private key (PEM).</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>The App's installation; unset means found from each pull request's repository.</summary>
    public long? InstallationId { get; set; }

    public IReadOnlyList<string> EffectiveHosts => Hosts is { Length: > 0 } hosts ? hosts : ["github.com"];

    public bool UsesApp => AppId is not null;

    public bool IsConfigured => UsesApp || !string.IsNullOrWhiteSpace(Token) || !string.IsNullOrWhiteSpace(TokenPath);
}
