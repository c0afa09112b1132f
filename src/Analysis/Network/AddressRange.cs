using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RunTasks.Analysis.Network;

/// <summary>An inclusive range of IPv4 or IPv6 addresses, parsed from a CIDR, a single address or an "anywhere" alias.</summary>
internal readonly record struct AddressRange(bool IsV6, UInt128 Start, UInt128 End)
{
    public static readonly AddressRange AllV4 = new(false, 0, uint.MaxValue);
    public static readonly AddressRange AllV6 = new(true, UInt128.MinValue, UInt128.MaxValue);

    // Ways clouds write "any source": AWS/GCP CIDRs aside, Azure uses service tags, wildcards and a bare 0.0.0.0.
    private static readonly string[] AnywhereAliases = ["*", "any", "internet", "anywhere", "0.0.0.0"];

    /// <summary>True for "*", "Any", "Internet", "0.0.0.0" and the like: every address, both families.</summary>
    public static bool IsAnywhereAlias(string text) => AnywhereAliases.Contains(text.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses "10.0.0.0/8", "2001:db8::/32" or "192.0.2.7"; host bits after the prefix are ignored, as the clouds do.</summary>
    public static bool TryParse(string text, out AddressRange range)
    {
        range = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = (slash < 0 ? text : text[..slash]).Trim();
        if (!IPAddress.TryParse(addressText, out var address) || address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return false;
        }

        var v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var bits = v6 ? 128 : 32;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            return false;
        }

        UInt128 value = 0;
        foreach (var b in address.GetAddressBytes())
        {
            value = (value << 8) | b;
        }

        var hostBits = bits - prefix;
        var hostMask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        range = new AddressRange(v6, value & ~hostMask, (value & ~hostMask) | hostMask);
        return true;
    }

    /// <summary>True when every address of <paramref name="inner"/> lies in the union of <paramref name="ranges"/> (same family).</summary>
    public static bool Covers(IEnumerable<AddressRange> ranges, AddressRange inner)
    {
        var next = inner.Start;
        foreach (var range in ranges.Where(r => r.IsV6 == inner.IsV6).OrderBy(r => r.Start))
        {
            if (range.Start > next)
            {
                return false;
            }

            if (range.End >= inner.End)
            {
                return true;
            }

            if (range.End >= next)
            {
                next = range.End + 1;
            }
        }

        return false;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{(IsV6 ? "v6" : "v4")} {Start}-{End}");
}
