namespace RunTasks.Analysis.Network;

/// <summary>Which addresses are reachable on the internet: IPv4 outside private, loopback, link-local, shared, documentation,
/// multicast and reserved blocks; IPv6 global unicast (2000::/3) outside documentation.</summary>
internal static class PublicAddressSpace
{
    private static readonly AddressRange[] NonPublic =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3",
        }.Select(Parse),
        Parse("::/3"), Parse("2001:db8::/32"), Parse("4000::/2"), Parse("8000::/1"),
    ];

    /// <summary>The public blocks: the complement of <see cref="NonPublic"/> in each family.</summary>
    private static readonly AddressRange[] Public = [.. Complement(AddressRange.AllV4), .. Complement(AddressRange.AllV6)];

    /// <summary>True when the range holds at least one public address.</summary>
    public static bool Overlaps(AddressRange range) => !AddressRange.Covers(NonPublic, range);

    /// <summary>How many public addresses the ranges (one family) reach together, and the share of the family's whole
    /// space they cover; sorts <paramref name="ranges"/> in place.</summary>
    public static (UInt128 Public, double Share) Count(List<AddressRange> ranges)
    {
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        UInt128 reached = 0;
        double covered = 0;
        var current = ranges[0];
        for (var i = 1; i <= ranges.Count; i++)
        {
            if (i < ranges.Count && (ranges[i].Start <= current.End || ranges[i].Start == current.End + 1))
            {
                current = current with { End = UInt128.Max(current.End, ranges[i].End) };
                continue;
            }

            covered += (double)(current.End - current.Start) + 1;
            foreach (var block in Public)
            {
                var low = UInt128.Max(block.Start, current.Start);
                var high = UInt128.Min(block.End, current.End);
                if (block.IsV6 == current.IsV6 && low <= high)
                {
                    reached += high - low + 1;
                }
            }

            if (i < ranges.Count)
            {
                current = ranges[i];
            }
        }

        return (reached, covered / Math.Pow(2, current.IsV6 ? 128 : 32));
    }

    private static AddressRange Parse(string cidr) => AddressRange.TryParse(cidr, out var range) ? range : throw new ArgumentException(cidr);

    private static IEnumerable<AddressRange> Complement(AddressRange all)
    {
        var next = all.Start;
        foreach (var block in NonPublic.Where(r => r.IsV6 == all.IsV6).OrderBy(r => r.Start))
        {
            if (block.Start > next)
            {
                yield return all with { Start = next, End = block.Start - 1 };
            }

            if (block.End == all.End)
            {
                yield break;
            }

            next = UInt128.Max(next, block.End + 1);
        }

        yield return all with { Start = next };
    }
}
