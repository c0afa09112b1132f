using Microsoft.Extensions.Options;

namespace RunTasks.Grains.Details;

/// <summary>A configured details-link signing key must be random: at least 32 bytes, base64-encoded, not a pass phrase.</summary>
public sealed class DetailsSigningKeyValidator : IValidateOptions<DetailsOptions>
{
    public const int MinKeyBytes = 32;

    public const string Message =
        "RunTasks:Details:SigningKey must be a random key of at least 32 bytes, base64-encoded: generate one with `openssl rand -base64 32`.";

    public ValidateOptionsResult Validate(string? name, DetailsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.SigningKey is not { Length: > 0 } key || IsRandomKey(key) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(Message);
    }

    private static bool IsRandomKey(string key)
    {
        var buffer = new byte[key.Length];
        return Convert.TryFromBase64String(key.Trim(), buffer, out var written) && written >= MinKeyBytes && buffer.AsSpan(0, written).ContainsAnyExcept(buffer[0]);
    }
}
