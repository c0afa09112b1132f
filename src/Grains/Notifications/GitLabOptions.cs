namespace RunTasks.Grains.Notifications;

/// <summary><c>RunTasks:GitLab</c>: gitlab.com or a self-managed GitLab, with a project or group access token.</summary>
public sealed class GitLabOptions
{
    /// <summary>The instance's base URL, e.g. <c>https://gitlab.com</c>; merge request URLs on its host:port belong to it.</summary>
    public string Url { get; set; } = "https://gitlab.com";

    /// <summary>A project or group access token with the <c>api</c> scope (or <see cref="TokenPath"/>).</summary>
    public string? Token { get; set; }

    /// <summary>A file holding the token, e.g. a mounted secret.</summary>
    public string? TokenPath { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Token) || !string.IsNullOrWhiteSpace(TokenPath);
}
