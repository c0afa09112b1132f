using System.Security.Cryptography;
using System.Text;

namespace RunTasks.Grains.Notifications;

/// <summary>
/// The generic webhook's signature: <c>X-RunTasks-Signature: sha256=HEX</c>, the lowercase hex HMAC-SHA256 of the exact
/// body bytes under the route's <c>Secret</c>. A receiver recomputes it and compares in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-RunTasks-Signature";

    /// <summary>Identifies the notification (task result and route); the same on every retry, so a receiver can drop repeats.</summary>
    public const string DeliveryHeader = "X-RunTasks-Delivery";

    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, body)), Encoding.ASCII.GetBytes(header));
}
