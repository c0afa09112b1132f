using System.Globalization;

namespace RunTasks.Grains.Security;

/// <summary>
/// Matches URLs against <c>RunTasks:AllowedHosts</c>. An entry is a host (<c>app.terraform.io</c>: the scheme's default
/// port only) or a host and port (<c>tfe.internal:8443</c>, <c>[::1]:5123</c>: that port only), so an allowed host
/// never opens its other services (<c>http://127.0.0.1:22/</c>).
/// </summary>
public static class AllowedHostList
{
    /// <summary>True when an entry names the URL's host and its port (or the URL uses its scheme's default port).</summary>
    public static bool Allows(IEnumerable<string> entries, Uri uri)
    {
        var host = Unbracket(uri.Host);
        foreach (var entry in entries)
        {
            if (!TryParse(entry, out var entryHost, out var entryPort))
            {
                continue;
            }

            if (!string.Equals(entryHost, host, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (entryPort is { } port ? uri.Port == port : uri.IsDefaultPort)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when some entry names the URL's host, whatever the port (to word the refusal precisely).</summary>
    public static bool NamesHost(IEnumerable<string> entries, Uri uri) =>
        entries.Any(e => TryParse(e, out var h, out _) && string.Equals(h, Unbracket(uri.Host), StringComparison.OrdinalIgnoreCase));

    /// <summary>Splits <c>host</c>, <c>host:port</c>, <c>[v6]</c>, <c>[v6]:port</c> or a bare IPv6 address; false when malformed.</summary>
    public static bool TryParse(string entry, out string host, out int? port)
    {
        host = entry.Trim();
        port = null;
        string? portText = null;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            var rest = host[(close + 1)..];
            if (rest.Length > 0 && !rest.StartsWith(':'))
            {
                return false;
            }

            portText = rest.Length > 0 ? rest[1..] : null;
            host = host[1..close];
        }
        else if (host.Count(c => c == ':') == 1)
        {
            var colon = host.IndexOf(':', StringComparison.Ordinal);
            portText = host[(colon + 1)..];
            host = host[..colon];
        }
        if (host.Length == 0)
        {
            return false;
        }

        if (portText is null)
        {
            return true;
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
        {
            return false;
        }

        port = p;
        return true;
    }

    private static string Unbracket(string host) => host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
}
