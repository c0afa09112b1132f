namespace RunTasks.Analysis.Policies;

/// <summary>
/// A policy set spread over a folder of the policy directory (the baseline pack: <c>policies/baseline/aws/s3.yaml</c>, …):
/// the folder's <c>set.yaml</c> holds the set's name, scope and settings, and every other policy file below it, at any
/// depth and in path order, holds only <c>custom_rules</c>. A folder without a <c>set.yaml</c> is not read (test cases live
/// in <c>policies/tests/</c>).
/// </summary>
public static class PolicySetFolder
{
    /// <summary>The file that makes a folder one policy set.</summary>
    public const string SetFileName = "set.yaml";

    /// <summary>True when <paramref name="folder"/> holds a <see cref="SetFileName"/>.</summary>
    public static bool IsSetFolder(string folder) => File.Exists(Path.Combine(folder, SetFileName));

    /// <summary>Loads the folder as one policy set; throws <see cref="PolicyLoadException"/> naming the file at fault.</summary>
    public static PolicySet Load(string folder)
    {
        var setFile = Path.Combine(folder, SetFileName);
        List<string> ruleFiles;
        try
        {
            ruleFiles = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
                .Where(path => PolicyDirectoryProvider.IsPolicyFile(path) && !string.Equals(path, setFile, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new PolicyLoadException($"the policy set folder {folder} cannot be read: {exception.Message}", exception);
        }

        return PolicyCompiler.ParseFolder(
            folder,
            (setFile, PolicyDirectoryProvider.ReadPolicyText(setFile)),
            [.. ruleFiles.Select(path => (path, PolicyDirectoryProvider.ReadPolicyText(path)))]);
    }
}
