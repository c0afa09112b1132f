using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Rules;

namespace RunTasks.Analysis.Configuration;

/// <summary>Findings the engine reports about a configuration version itself rather than what it configures; no policy set turns them off.</summary>
internal static class ConfigurationFindings
{
    public static readonly RuleDescriptor Unreadable = new("configuration_unreadable", "Configuration version unreadable",
        "The configuration version is not a .tar.gz, or passes a size, entry-count or expansion limit (a compression "
            + "bomb); no policy could be checked.",
        Severity.Error);

    public static readonly RuleDescriptor ArchiveEntry = new("archive_entry", "Archive entry not read",
        "An entry of the configuration version was not read: an absolute path, a path with '..', a link or a device "
            + "(errors: they would escape the directory they are extracted into), or a file over the size limit "
            + "(info).",
        Severity.Error);

    public static IReadOnlyList<RuleDescriptor> All { get; } = [Unreadable, ArchiveEntry];
}
