namespace RunTasks.Analysis.Configuration;

/// <summary>Bounds on reading a configuration version, whatever the archive says: a gzip bomb or a flood of entries fails the check instead of the process.</summary>
public sealed record ConfigurationLimits
{
    public static ConfigurationLimits Default { get; } = new();

    /// <summary>Largest archive read (compressed bytes): 100 MiB, HCP Terraform's own limit on a configuration upload is about this size.</summary>
    public long MaxCompressedBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Largest total size of the expanded entries (tar headers included).</summary>
    public long MaxExpandedBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Most entries (files, directories, links) read.</summary>
    public int MaxEntries { get; init; } = 20_000;

    /// <summary>Largest file read into memory to be checked; a larger file is reported as not checked.</summary>
    public int MaxFileBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Largest expanded/compressed ratio once <see cref="RatioCheckFromBytes"/> have been expanded: text compresses about 5-20 times, a bomb a thousand times.</summary>
    public int MaxExpansionRatio { get; init; } = 200;

    /// <summary>Expanded bytes before the ratio applies: small archives have a high ratio from tar padding alone.</summary>
    public long RatioCheckFromBytes { get; init; } = 4L * 1024 * 1024;
}
