using System.Security.Cryptography;
using System.Text;

namespace RunTasks.Api.Protocol;

/// <summary>
/// HMAC-SHA512 request signing over the exact body bytes, as received. HCP Terraform sends lowercase hex; the header is
/// hex-decoded, so uppercase (or mixed) hex of the same bytes is accepted too: the case carries no secret.
/// </summary>
public static class RequestSignature
{
    /// <summary>Current header, then the 2021 beta-era one.</summary>
    public static readonly string[] HeaderNames = ["X-TFC-Task-Signature", "X-TFC-Event-Hook-Signature"];

    public static string Compute(string key, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(key), body));

    /// <summary>True when the signature matches any of the keys (several keys allow rotation); compared in constant time.</summary>
    public static bool IsValid(string? signature, ReadOnlySpan<byte> body, IReadOnlyList<string> keys)
    {
        if (string.IsNullOrWhiteSpace(signature) || signature.Length != 128)
        {
            return false;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(signature.Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        var valid = false;
        foreach (var key in keys)
        {
            valid |= CryptographicOperations.FixedTimeEquals(presented, HMACSHA512.HashData(Encoding.UTF8.GetBytes(key), body));
        }

        return valid;
    }
}
