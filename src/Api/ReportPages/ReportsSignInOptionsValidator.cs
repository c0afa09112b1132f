using Microsoft.Extensions.Options;

namespace RunTasks.Api.ReportPages;

/// <summary>A sign-in that would let everyone in, or no one, stops start-up naming the key.</summary>
public sealed class ReportsSignInOptionsValidator : IValidateOptions<ReportsSignInOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportsSignInOptions options)
    {
        if (!options.SignInConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        List<string> failures = [];
        const string Key = ReportsSignInOptions.Section;
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            failures.Add($"{Key}:Authority must be the provider's http(s) issuer URL.");
        }
        else if (authority.Scheme == "http" && options.RequireHttpsMetadata)
        {
            failures.Add($"{Key}:Authority is http: use https, or set {Key}:RequireHttpsMetadata=false for a provider on a private network.");
        }

        if (options.ClientId is not { Length: > 0 })
        {
            failures.Add($"{Key}:ClientId is required with {Key}:Authority.");
        }

        if (options.ClientSecret is { Length: > 0 } && options.ClientSecretPath is { Length: > 0 })
        {
            failures.Add($"{Key}:ClientSecret and {Key}:ClientSecretPath are both set; keep one.");
        }

        if (options.AllowedGroups.Length == 0 && options.AllowedEmailDomains.Length == 0)
        {
            failures.Add($"{Key}:AllowedGroups or {Key}:AllowedEmailDomains is required with {Key}:Authority: history maps every weakness of every workspace, so signing in is not enough.");
        }

        if (options.SessionLifetime <= TimeSpan.Zero)
        {
            failures.Add($"{Key}:SessionLifetime must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
