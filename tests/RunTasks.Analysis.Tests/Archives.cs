using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using RunTasks.Analysis.Configuration;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Tests;

/// <summary>Builds configuration version archives (.tar.gz) in memory for the tests.</summary>
internal static class Archives
{
    public static readonly EvaluationScope PrePlan = TestPlans.Scope with { Stage = "pre_plan" };

    /// <summary>A .tar.gz of the given files (path, content) and any extra entries.</summary>
    public static byte[] Build(IEnumerable<(string Path, string Content)> files, params TarEntry[] extra)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, content) in files)
            {
                tar.WriteEntry(File(path, content));
            }

            foreach (var entry in extra)
            {
                tar.WriteEntry(entry);
            }
        }

        return output.ToArray();
    }

    public static PaxTarEntry File(string path, string content) =>
        new(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };

    /// <summary>One gzip member holding <paramref name="bytes"/>: gzip readers join consecutive members into one stream.</summary>
    public static byte[] Member(ReadOnlySpan<byte> bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>The raw tar bytes of one entry (header and padded data), without the end-of-archive blocks.</summary>
    public static byte[] TarHeader(TarEntry entry)
    {
        using var output = new MemoryStream();
        using (var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            tar.WriteEntry(entry);
        }

        // Dispose wrote two zero blocks that end the archive; drop them so more data may follow.
        return output.ToArray()[..^1024];
    }

    public static Task<AnalysisReport> AnalyzeAsync(byte[] archive, IPolicyProvider? policies = null, ConfigurationLimits? limits = null, string? workingDirectory = null) =>
        AnalyzeAsync(new MemoryStream(archive), policies, limits, workingDirectory);

    public static Task<AnalysisReport> AnalyzeAsync(Stream archive, IPolicyProvider? policies = null, ConfigurationLimits? limits = null, string? workingDirectory = null) =>
        new ConfigurationAnalyzer(policies ?? DefaultPolicies.Provider, limits ?? ConfigurationLimits.Default)
            .AnalyzeArchiveAsync(archive, PrePlan, workingDirectory, CancellationToken.None);
}
