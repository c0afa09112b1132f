using RunTasks.Testing;

namespace RunTasks.Analysis.Tests;

/// <summary>The repository and the shared fixtures, which are read in place; found by <see cref="Fixtures"/>.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot => Fixtures.RepoRoot;

    public static string FixturePlans => Fixtures.Plans;

    public static string Fixture(string name) => Path.Combine(FixturePlans, name);
}
