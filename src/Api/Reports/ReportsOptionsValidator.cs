using Microsoft.Extensions.Options;

namespace RunTasks.Api.Reports;

/// <summary>Every configured hash must be 64 lowercase hex digits: a token pasted in its place would otherwise be accepted silently and match nothing.</summary>
public sealed class ReportsOptionsValidator : IValidateOptions<ReportsOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        for (var i = 0; i < options.ApiTokenHashes.Length; i++)
        {
            if (!ApiTokens.IsHash(options.ApiTokenHashes[i]))
            {
                return ValidateOptionsResult.Fail(
                    $"{ReportsOptions.Section}:ApiTokenHashes:{i} must be the lowercase hex SHA-256 of a token (64 characters 0-9a-f); `RunTasks.Api reports-token` prints one.");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
