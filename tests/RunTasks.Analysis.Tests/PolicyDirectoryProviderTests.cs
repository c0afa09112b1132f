using static RunTasks.Analysis.Tests.Plans;

namespace RunTasks.Analysis.Tests;

public sealed class PolicyDirectoryProviderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "runtasks-policies-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Missing_directory_means_the_built_in_defaults()
    {
        using var provider = new PolicyDirectoryProvider(_directory);

        Assert.Same(DefaultPolicies.Set, Assert.Single(provider.For(Scope)));
    }

    [Fact]
    public void Invalid_file_at_start_up_throws()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "bad.yaml"), "rules: { nope: {} }");

        Assert.Throws<PolicyLoadException>(() => new PolicyDirectoryProvider(_directory));
    }

    [Fact]
    public async Task Changed_file_is_reloaded()
    {
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "team.yaml");
        await File.WriteAllTextAsync(file, "name: first\n");
        using var provider = new PolicyDirectoryProvider(_directory);
        var reloaded = new TaskCompletionSource();
        provider.Reloaded += (_, _) => reloaded.TrySetResult();

        await File.WriteAllTextAsync(file, "name: second\n");
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("second", Assert.Single(provider.For(Scope)).Name);
    }

    [Fact]
    public async Task Broken_edit_keeps_the_last_good_sets()
    {
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "team.yaml");
        await File.WriteAllTextAsync(file, "name: good\n");
        using var provider = new PolicyDirectoryProvider(_directory);

        await File.WriteAllTextAsync(file, "rules: { destroy_guard: { enforcement: loud } }");
        var ok = provider.Reload();

        Assert.False(ok);
        Assert.Contains("enforcement", provider.LastError, StringComparison.Ordinal);
        Assert.Equal("good", Assert.Single(provider.Sets).Name);
    }
}
