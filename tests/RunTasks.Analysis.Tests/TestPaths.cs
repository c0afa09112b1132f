namespace RunTasks.Analysis.Tests;

/// <summary>Locates the repository and the shared fixtures, which are read in place.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string FixturePlans => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "fixtures", "plans"));

    public static string Fixture(string name) => Path.Combine(FixturePlans, name);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RunTasks.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("RunTasks.sln not found above " + AppContext.BaseDirectory);
    }
}
