using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Configuration;

/// <summary>
/// Reads a configuration version (<c>.tar.gz</c>) entry by entry in memory: nothing is written to disk, extracted,
/// executed or resolved. Entries that would escape a directory (absolute paths, <c>..</c>, links, devices) are reported,
/// never read; sizes, entry count and the expansion ratio are capped so a gzip bomb ends as a verdict, not an out-of-memory.
/// </summary>
internal static class ConfigurationArchiveReader
{
    private const int BinarySniffBytes = 8000;

    /// <summary>
    /// Calls <paramref name="onFile"/> for each text file and <paramref name="onProblem"/> for each entry not read. Throws
    /// <see cref="ConfigurationLimitException"/> past a limit, <see cref="InvalidDataException"/> when the bytes are not a
    /// tar.gz, and lets what the stream throws (an <see cref="IOException"/> from a cut download, <see cref="EndOfStreamException"/>
    /// from a truncated archive) escape so the caller can download again.
    /// </summary>
    public static async Task ReadAsync(Stream archive, ConfigurationLimits limits, Action<ConfigurationFile> onFile, Action<ArchiveProblem> onProblem, CancellationToken cancellationToken)
    {
        var compressed = new GuardedStream(archive, count => count > limits.MaxCompressedBytes
            ? $"The configuration archive is larger than {Size(limits.MaxCompressedBytes)} compressed; it was not read further."
            : null);
        await using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
        var expanded = new GuardedStream(gzip, count => Expansion(count, compressed.Count, limits));
        await using var tar = new TarReader(expanded, leaveOpen: true);
        var entries = 0;
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (++entries > limits.MaxEntries)
            {
                throw new ConfigurationLimitException($"The configuration archive holds more than {limits.MaxEntries:N0} entries; it was not read further.");
            }

            var name = Normalize(entry.Name);
            if (Unsafe(name) is { } escape)
            {
                onProblem(new ArchiveProblem(name, escape, Severity.Error));
                continue;
            }

            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    continue;
                case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                    onProblem(Link(name, entry.LinkName, entry.EntryType == TarEntryType.HardLink));
                    continue;
                case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                    onProblem(new ArchiveProblem(name, $"is a device or pipe entry ({entry.EntryType}); a configuration holds only files and directories", Severity.Error));
                    continue;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    break;
                default:
                    onProblem(new ArchiveProblem(name, $"is an unsupported entry type ({entry.EntryType}) and was not read", Severity.Error));
                    continue;
            }

            if (entry.Length > limits.MaxFileBytes)
            {
                onProblem(new ArchiveProblem(name, $"is larger than {Size(limits.MaxFileBytes)} and was not checked", Severity.Info));
                continue;
            }

            if (entry.DataStream is not { } data)
            {
                continue;
            }

            var bytes = new byte[entry.Length];
            await data.ReadExactlyAsync(bytes, cancellationToken);
            if (Text(bytes) is { } text)
            {
                onFile(new ConfigurationFile(name, text));
            }
        }
    }

    /// <summary>The entry name with forward slashes and without a leading <c>./</c>.</summary>
    public static string Normalize(string name)
    {
        var normalized = name.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        return normalized;
    }

    /// <summary>Why a path would leave the directory it is extracted into, or null.</summary>
    public static string? Unsafe(string name)
    {
        if (name.StartsWith('/') || (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':'))
        {
            return "has an absolute path; it would be written outside the configuration directory";
        }

        if (name.Split('/').Any(segment => segment == ".."))
        {
            return "has a path with '..'; it would be written outside the configuration directory";
        }

        return name.Contains('\0', StringComparison.Ordinal) ? "has a NUL character in its path" : null;
    }

    /// <summary>The text of a file, or null for a binary file (a NUL byte near the start).</summary>
    public static string? Text(byte[] bytes)
    {
        if (bytes.AsSpan(0, Math.Min(bytes.Length, BinarySniffBytes)).Contains((byte)0))
        {
            return null;
        }

        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
    }

    private static ArchiveProblem Link(string name, string target, bool hard)
    {
        var kind = hard ? "hard link" : "symbolic link";
        var directory = name.Contains('/', StringComparison.Ordinal) ? name[..name.LastIndexOf('/')] : string.Empty;
        var absolute = target.StartsWith('/') || target.StartsWith('\\') || (target.Length >= 2 && char.IsAsciiLetter(target[0]) && target[1] == ':');
        var resolved = hard || absolute || directory.Length == 0 ? Normalize(target) : Normalize($"{directory}/{target}");
        var escapes = target.Length == 0 || Escapes(resolved);
        return escapes
            ? new ArchiveProblem(name, $"is a {kind} to '{target}', outside the configuration; it was not followed", Severity.Error)
            : new ArchiveProblem(name, $"is a {kind} to '{target}'; links are not followed, so its target is checked only as its own entry", Severity.Info);
    }

    // a/b/../../../x climbs above the root even though it starts inside.
    private static bool Escapes(string path)
    {
        if (path.StartsWith('/') || (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':'))
        {
            return true;
        }

        var depth = 0;
        foreach (var segment in path.Split('/'))
        {
            depth += segment switch
            {
                ".." => -1,
                "" or "." => 0,
                _ => 1,
            };
            if (depth < 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string? Expansion(long expanded, long compressed, ConfigurationLimits limits)
    {
        if (expanded > limits.MaxExpandedBytes)
        {
            return $"The configuration archive expands to more than {Size(limits.MaxExpandedBytes)}; it was not read further.";
        }

        return expanded > limits.RatioCheckFromBytes && expanded > (long)limits.MaxExpansionRatio * Math.Max(compressed, 1)
            ? $"The configuration archive expands more than {limits.MaxExpansionRatio} times its compressed size (a compression bomb); it was not read further."
            : null;
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes / 1024} KiB";
}
