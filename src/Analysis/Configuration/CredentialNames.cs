namespace RunTasks.Analysis.Configuration;

/// <summary>Attribute and variable names that hold a credential, so a literal string written to them is a hard-coded secret.</summary>
internal static class CredentialNames
{
    private static readonly HashSet<string> Exact = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "secret", "token", "access_key", "secret_key", "client_secret", "api_key", "api_token",
        "auth_token", "access_token", "refresh_token", "private_key", "master_password", "admin_password",
        "administrator_login_password", "root_password", "secret_string", "sas_token", "client_certificate_password",
        "secret_access_key", "aws_secret_access_key", "shared_key", "account_key", "primary_access_key", "api_secret",
    };

    private static readonly string[] Suffixes = ["_password", "_passwd", "_secret", "_api_key", "_secret_key", "_auth_token", "_access_token"];

    /// <summary>True for a credential name, or one of <paramref name="extra"/> (case-insensitive).</summary>
    public static bool IsCredential(string name, IReadOnlyCollection<string>? extra = null) =>
        Exact.Contains(name)
        || Suffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        || (extra is not null && extra.Contains(name, StringComparer.OrdinalIgnoreCase));

    /// <summary>False for values that are obviously not a credential: empty, an interpolation, or a well-known placeholder.</summary>
    public static bool LooksLikeValue(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length >= 4
            && !trimmed.Contains("${", StringComparison.Ordinal)
            && !trimmed.StartsWith("arn:", StringComparison.Ordinal)
            && !(trimmed.StartsWith('<') && trimmed.EndsWith('>'));
    }
}
