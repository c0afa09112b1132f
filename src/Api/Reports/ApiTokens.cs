using System.Security.Cryptography;
using System.Text;

namespace RunTasks.Api.Reports;

/// <summary>API tokens: made at random, configured as their SHA-256, checked in constant time.</summary>
public static class ApiTokens
{
    public const string Prefix = "rtk_";

    /// <summary>A new token: 32 random bytes, base64url, with a prefix that secret scanners can recognise.</summary>
    public static string Create() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    public static bool IsHash(string? text) => text is { Length: 64 } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>Whether <paramref name="token"/> hashes to one of <paramref name="hashes"/>; every hash is compared, in constant time.</summary>
    public static bool Matches(string token, IReadOnlyList<string> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var match = false;
        foreach (var hash in hashes)
        {
            match |= CryptographicOperations.FixedTimeEquals(presented, Convert.FromHexString(hash));
        }

        return match;
    }
}
