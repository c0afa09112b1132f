using System.Globalization;

namespace RunTasks.Analysis.Network;

/// <summary>
/// The one definition of "the internet" for a set of network sources, used by the built-in rules and by
/// <c>any_cidr_is_internet</c>: an "anywhere" alias (*, Any, Internet, 0.0.0.0), a whole family (0.0.0.0/0, ::/0), or
/// ranges that together reach at least a threshold of public addresses — by default a /8's worth of public IPv4
/// addresses (2^24) or a /32's worth of public IPv6 addresses (2^96), so split ranges cannot hide an open source.
/// </summary>
internal static class InternetSources
{
    /// <summary>The default threshold as an IPv4 prefix length: a /8's worth of public addresses.</summary>
    public const int DefaultPrefix = 8;

    // IPv6 sites get a /48 where IPv4 sites get a /32 or less; a /32 of IPv6 is what a /8 of IPv4 is to a registry.
    private const int V6PrefixOffset = 24;

    /// <summary>True when a threshold prefix is usable (a /1 to a /32 of IPv4).</summary>
    public static bool IsValidPrefix(int prefix) => prefix is >= 1 and <= 32;

    /// <summary>True when the sources reach the internet (see the type's summary).</summary>
    public static bool Reaches(IEnumerable<string> sources, int prefix = DefaultPrefix) => Describe(sources, prefix) is not null;

    /// <summary>How the sources reach the internet, for a finding (e.g. "0.0.0.0/0"), or null when they do not.</summary>
    public static string? Describe(IEnumerable<string> sources, int prefix = DefaultPrefix)
    {
        List<AddressRange>? v4 = null, v6 = null;
        List<string>? v4Texts = null, v6Texts = null;
        foreach (var raw in sources)
        {
            var text = raw.Trim();
            if (AddressRange.IsAnywhereAlias(text))
            {
                return text;
            }

            if (!AddressRange.TryParse(text, out var range))
            {
                continue;
            }

            if (range == AddressRange.AllV4 || range == AddressRange.AllV6)
            {
                return text;
            }

            if (range.IsV6)
            {
                (v6 ??= []).Add(range);
                (v6Texts ??= []).Add(text);
            }
            else
            {
                (v4 ??= []).Add(range);
                (v4Texts ??= []).Add(text);
            }
        }

        return Judge(v4, v4Texts, UInt128.One << (32 - prefix), "IPv4")
            ?? Judge(v6, v6Texts, UInt128.One << (128 - prefix - V6PrefixOffset), "IPv6");
    }

    private static string? Judge(List<AddressRange>? ranges, List<string>? texts, UInt128 threshold, string family)
    {
        if (ranges is null || texts is null)
        {
            return null;
        }

        var (reached, share) = PublicAddressSpace.Count(ranges);
        if (reached < threshold)
        {
            return null;
        }

        var shown = texts.Count <= 4 ? string.Join(", ", texts) : string.Join(", ", texts.Take(4)) + $" and {texts.Count - 4} more";
        var how = share >= 1 ? $"all {family} addresses"
            : share >= 0.005 ? string.Create(CultureInfo.InvariantCulture, $"{share:P0} of all {family} addresses")
            : family == "IPv4" ? string.Create(CultureInfo.InvariantCulture, $"{(ulong)reached:N0} public IPv4 addresses")
            : string.Create(CultureInfo.InvariantCulture, $"about 2^{Math.Floor(Math.Log2((double)reached))} public IPv6 addresses");
        return texts.Count == 1 ? $"{shown} ({how})" : $"{shown} (together {how})";
    }
}
