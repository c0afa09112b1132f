using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RunTasks.Analysis.Rules;

/// <summary>
/// Judges network sources as a set: one open range (0.0.0.0/0, ::/0, *, Internet, Any) or several CIDRs that together
/// cover at least half of the IPv4 or IPv6 address space count as the internet (0.0.0.0/1 + 128.0.0.0/1 is 0.0.0.0/0).
/// </summary>
internal static class InternetSources
{
    // Half the address space: 0.0.0.0/1 alone already reaches billions of hosts, and split ranges are how /0 hides.
    private const double InternetShare = 0.5;

    private static readonly string[] OpenWords = ["0.0.0.0/0", "::/0", "0::0/0", "0.0.0.0", "*", "internet", "any"];

    /// <summary>How the sources reach the internet, for a finding (e.g. "0.0.0.0/0"), or null when they do not.</summary>
    public static string? Describe(IEnumerable<string> sources)
    {
        var v4 = new List<(UInt128 Start, UInt128 End)>();
        var v6 = new List<(UInt128 Start, UInt128 End)>();
        var v4Texts = new List<string>();
        var v6Texts = new List<string>();
        foreach (var raw in sources)
        {
            var text = raw.Trim();
            if (OpenWords.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                return text;
            }

            if (TryParse(text, out var family, out var start, out var end))
            {
                (family == AddressFamily.InterNetwork ? v4 : v6).Add((start, end));
                (family == AddressFamily.InterNetwork ? v4Texts : v6Texts).Add(text);
            }
        }

        return Covers(v4, 32) is { } v4Share ? Together(v4Texts, v4Share, "IPv4")
            : Covers(v6, 128) is { } v6Share ? Together(v6Texts, v6Share, "IPv6")
            : null;
    }

    private static string Together(List<string> texts, double share, string family)
    {
        var shown = texts.Count <= 4 ? string.Join(", ", texts) : string.Join(", ", texts.Take(4)) + $" and {texts.Count - 4} more";
        var how = share >= 1 ? $"all {family} addresses" : string.Create(CultureInfo.InvariantCulture, $"{share:P0} of all {family} addresses");
        return texts.Count == 1 ? $"{shown} ({how})" : $"{shown} (together {how})";
    }

    /// <summary>The share of the address space the ranges cover, when it is at least <see cref="InternetShare"/>.</summary>
    private static double? Covers(List<(UInt128 Start, UInt128 End)> ranges, int bits)
    {
        if (ranges.Count == 0)
        {
            return null;
        }

        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        UInt128 covered = 0;
        UInt128 currentStart = ranges[0].Start, currentEnd = ranges[0].End;
        foreach (var (start, end) in ranges.Skip(1))
        {
            if (start <= currentEnd || start == currentEnd + 1)
            {
                currentEnd = end > currentEnd ? end : currentEnd;
                continue;
            }

            covered += currentEnd - currentStart + 1;
            (currentStart, currentEnd) = (start, end);
        }

        covered += currentEnd - currentStart;
        var share = bits == 128
            ? (double)covered / (double)UInt128.MaxValue
            : ((double)covered + 1) / Math.Pow(2, bits);
        if (bits == 128 && covered == UInt128.MaxValue)
        {
            share = 1;
        }

        return share >= InternetShare ? share : null;
    }

    // "a.b.c.d/n", "a.b.c.d", "x::y/n"; host bits are ignored, as the clouds normalise them.
    private static bool TryParse(string text, out AddressFamily family, out UInt128 start, out UInt128 end)
    {
        family = AddressFamily.Unknown;
        start = end = 0;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var address))
        {
            return false;
        }

        family = address.AddressFamily;
        int bits = family == AddressFamily.InterNetwork ? 32 : 128;
        int prefix = bits;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            return false;
        }

        UInt128 value = 0;
        foreach (var b in address.GetAddressBytes())
        {
            value = (value << 8) | b;
        }

        UInt128 hostMask = prefix == bits ? 0 : (prefix == 0 ? Max(bits) : (UInt128.One << (bits - prefix)) - 1);
        start = value & ~hostMask & Max(bits);
        end = start | hostMask;
        return true;
    }

    private static UInt128 Max(int bits) => bits == 128 ? UInt128.MaxValue : (UInt128.One << bits) - 1;
}
