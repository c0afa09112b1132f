namespace RunTasks.Testing;

/// <summary>Finds ../shared/fixtures beside the repository; fixtures are read in place, never copied.</summary>
public static class Fixtures
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Root { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string Plans => Path.Combine(Root, "fixtures", "plans");
    public static string Requests => Path.Combine(Root, "fixtures", "requests");

    public static IEnumerable<string> PlanFiles => Directory.EnumerateFiles(Plans, "*.json").Order(StringComparer.Ordinal);

    public static byte[] Plan(string name) => File.ReadAllBytes(Path.Combine(Plans, name));

    public static byte[] Request(string name) => File.ReadAllBytes(Path.Combine(Requests, name));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunTasks.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("RunTasks.sln not found above " + AppContext.BaseDirectory);
    }
}
