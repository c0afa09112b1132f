namespace RunTasks.Api.ReportPages;

/// <summary>
/// Settings under <c>RunTasks:Reports</c> for people: OpenID Connect sign-in and who may read the reports. Without an
/// authority the pages are served only on the management port, behind the dashboard's credentials.
/// </summary>
public sealed class ReportsSignInOptions
{
    public const string Section = "RunTasks:Reports";

    /// <summary>The OpenID provider's issuer URL (Entra ID, Okta, Keycloak, Dex…); its discovery document is read from it.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The client secret, or <see cref="ClientSecretPath"/> to read it from a file (a mounted secret).</summary>
    public string? ClientSecret { get; set; }

    public string? ClientSecretPath { get; set; }

    /// <summary>False allows an http authority: only for a provider on loopback or a private network.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Members of any of these groups may read the reports (the <see cref="GroupsClaim"/> claim of the ID token).</summary>
    public string[] AllowedGroups { get; set; } = [];

    /// <summary>People whose verified e-mail address is in one of these domains may read the reports.</summary>
    public string[] AllowedEmailDomains { get; set; } = [];

    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Extra scopes to ask for, e.g. "groups" for Dex or Keycloak; openid, profile and email are always asked.</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>How long a sign-in lasts before the provider is asked again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public bool SignInConfigured => Authority is { Length: > 0 };
}
