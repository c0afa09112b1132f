using Microsoft.Extensions.Configuration;

namespace RunTasks.Grains.Storage;

/// <summary>Where embedded mode keeps its one data file: <c>RunTasks:DataPath</c>, a directory (default <c>data</c> under the content root).</summary>
public sealed class DataFileOptions
{
    public const string Key = "RunTasks:DataPath";

    /// <summary>The value that keeps today's ephemeral behaviour: state, reminders and keys in memory.</summary>
    public const string InMemory = ":memory:";

    public const string DefaultDirectory = "data";

    public const string FileName = "runtasks.db";

    /// <summary>The data file's full path, or null when <c>RunTasks:DataPath</c> is <c>:memory:</c>.</summary>
    public static string? Resolve(IConfiguration configuration, string contentRoot)
    {
        var value = configuration[Key];
        if (string.Equals(value?.Trim(), InMemory, StringComparison.Ordinal))
        {
            return null;
        }

        var directory = string.IsNullOrWhiteSpace(value) ? DefaultDirectory : value.Trim();
        return Path.GetFullPath(Path.Combine(contentRoot, directory, FileName));
    }
}
