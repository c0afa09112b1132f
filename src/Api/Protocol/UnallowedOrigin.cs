using System.Globalization;

namespace RunTasks.Api.Protocol;

/// <summary>
/// Where a refused callback or plan URL points: scheme, host and port only (never the path or query, which may carry
/// credentials), and the <c>RunTasks:AllowedHosts</c> entry that would allow it.
/// </summary>
public sealed record UnallowedOrigin(string Field, string Scheme, string Host, int Port, bool IsDefaultPort)
{
    public string AllowedHostsEntry => IsDefaultPort ? Host : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Null when the host holds anything but the characters of a DNS name or IP literal, so no request text can forge a log line.</summary>
    public static UnallowedOrigin? Of(string field, Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var host = uri.IdnHost; // punycode: ASCII only
        if (host.Length is 0 or > 255 || !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' or '[' or ']'))
        {
            return null;
        }

        if (uri.HostNameType == UriHostNameType.IPv6 && !host.StartsWith('['))
        {
            host = $"[{host}]";
        }

        return new UnallowedOrigin(field, uri.Scheme, host, uri.Port, uri.IsDefaultPort);
    }
}
