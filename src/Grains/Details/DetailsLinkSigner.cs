using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using RunTasks.Grains.Configuration;

namespace RunTasks.Grains.Details;

/// <summary>
/// Signs and checks the details link <c>/task-results/{id}?exp=…&amp;sig=…</c>: a signature over the id and an expiry,
/// so only the link HCP Terraform received opens the page, and only while the result is retained.
/// </summary>
public sealed class DetailsLinkSigner
{
    public const string ExpiresParameter = "exp";
    public const string SignatureParameter = "sig";
    private const string ProtectorPurpose = "RunTasks.Details.Link.v1";

    /// <summary>Clocks of the silo that signs and the Api that checks may differ this much.</summary>
    public static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(5);

    private readonly DetailsOptions _options;
    private readonly RunTasksOptions _runTasks;
    private readonly TimeProvider _time;
    private readonly byte[]? _key;
    private readonly IDataProtector _protector;

    public DetailsLinkSigner(IOptions<DetailsOptions> options, IOptions<RunTasksOptions> runTasks, IDataProtectionProvider dataProtection, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runTasks);
        ArgumentNullException.ThrowIfNull(dataProtection);
        _options = options.Value;
        _runTasks = runTasks.Value;
        _time = time;
        _key = _options.SigningKey is { Length: > 0 } key ? Encoding.UTF8.GetBytes(key) : null;
        _protector = dataProtection.CreateProtector(ProtectorPurpose);
    }

    /// <summary>The link sent with each callback, or null when RunTasks:PublicBaseUrl is not set.</summary>
    public string? DetailsUrl(string taskResultId)
    {
        if (_runTasks.PublicBaseUrl is not { Length: > 0 } baseUrl)
        {
            return null;
        }

        var url = $"{baseUrl.TrimEnd('/')}/task-results/{Uri.EscapeDataString(taskResultId)}";
        if (!_options.RequireSignature)
        {
            return url;
        }
        var expires = _time.GetUtcNow() + LinkLifetime;
        return $"{url}?{QueryString(taskResultId, expires)}";
    }

    /// <summary>
    /// Valid as long as the result can exist: the whole run, then the retention period. A link claiming to live longer
    /// was not signed here, whoever holds the key (a forged ten-year link from a leaked key ring is refused).
    /// </summary>
    private TimeSpan LinkLifetime => _runTasks.Deadlines.Total + _runTasks.Retention;

    public string QueryString(string taskResultId, DateTimeOffset expires)
    {
        var exp = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{ExpiresParameter}={exp}&{SignatureParameter}={Sign(taskResultId, exp)}";
    }

    /// <summary>True when the request may see the task result: signing is off, or the signature is genuine and not expired.</summary>
    public bool Admits(string taskResultId, string? exp, string? sig)
    {
        if (!_options.RequireSignature)
        {
            return true;
        }

        var now = _time.GetUtcNow();
        if (exp is not { Length: > 0 and <= 12 } || sig is not { Length: > 0 and <= 512 }
            || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds < now.ToUnixTimeSeconds()
            || seconds > (now + LinkLifetime + ClockSlack).ToUnixTimeSeconds())
        {
            return false;
        }

        return _key is not null ? HmacMatches(taskResultId, exp, sig) : ProtectedMatches(taskResultId, exp, sig);
    }

    private string Sign(string taskResultId, string exp) =>
        _key is not null
            ? Base64Url.EncodeToString(HMACSHA256.HashData(_key, Message(taskResultId, exp)))
            : Base64Url.EncodeToString(_protector.Protect(SHA256.HashData(Message(taskResultId, exp))));

    private bool HmacMatches(string taskResultId, string exp, string sig) =>
        TryDecode(sig) is { } presented
        && CryptographicOperations.FixedTimeEquals(presented, HMACSHA256.HashData(_key!, Message(taskResultId, exp)));

    private bool ProtectedMatches(string taskResultId, string exp, string sig)
    {
        if (TryDecode(sig) is not { } presented)
        {
            return false;
        }

        try
        {
            return CryptographicOperations.FixedTimeEquals(_protector.Unprotect(presented), SHA256.HashData(Message(taskResultId, exp)));
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static byte[] Message(string taskResultId, string exp) => Encoding.UTF8.GetBytes($"{taskResultId}\n{exp}");

    private static byte[]? TryDecode(string sig)
    {
        try
        {
            return Base64Url.DecodeFromChars(sig);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
