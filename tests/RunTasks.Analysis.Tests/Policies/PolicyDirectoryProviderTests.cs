using RunTasks.Analysis.Policies;

using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Policies;

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
    public void Missing_directory_is_refused_naming_the_path()
    {
        var failure = Assert.Throws<PolicyLoadException>(() => new PolicyDirectoryProvider(_directory));

        Assert.Contains(_directory, failure.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_without_policy_files_is_refused_naming_the_path()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "README.md"), "policies live here");

        var failure = Assert.Throws<PolicyLoadException>(() => new PolicyDirectoryProvider(_directory));

        Assert.Contains(_directory, failure.Message, StringComparison.Ordinal);
        Assert.Contains("holds no policy file", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_path_is_shown_with_where_it_resolved()
    {
        var failure = Assert.Throws<PolicyLoadException>(() => PolicyDirectoryProvider.Load("mypoll"));

        Assert.Contains($"'mypoll' ({Path.GetFullPath("mypoll")})", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Emptied_directory_keeps_the_last_good_sets_and_says_why()
    {
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "team.yaml");
        File.WriteAllText(file, "name: good\n");
        using var provider = new PolicyDirectoryProvider(_directory);

        File.Delete(file);
        var ok = provider.Reload();

        Assert.False(ok);
        Assert.Contains("holds no policy file", provider.LastError, StringComparison.Ordinal);
        Assert.Equal("good", Assert.Single(provider.For(Scope)).Name);
    }

    [Fact]
    public void Deleted_directory_keeps_the_last_good_sets_and_says_why()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "team.yaml"), "name: good\n");
        using var provider = new PolicyDirectoryProvider(_directory);

        Directory.Delete(_directory, recursive: true);
        var ok = provider.Reload();

        Assert.False(ok);
        Assert.Contains("does not exist", provider.LastError, StringComparison.Ordinal);
        Assert.Equal("good", Assert.Single(provider.For(Scope)).Name);
    }

    [Fact]
    public async Task Deleting_the_directory_is_noticed_without_an_explicit_reload()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "team.yaml"), "name: good\n");
        using var provider = new PolicyDirectoryProvider(_directory);
        var reloaded = new TaskCompletionSource();
        provider.Reloaded += (_, _) => reloaded.TrySetResult();

        Directory.Delete(_directory, recursive: true);
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.NotNull(provider.LastError);
        Assert.Equal("good", Assert.Single(provider.For(Scope)).Name);
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

        // A reload may catch the file half written (refused, see below); the one that counts succeeds.
        provider.Reloaded += (_, _) =>
        {
            if (provider.LastError is null)
            {
                reloaded.TrySetResult();
            }
        };

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

    [Fact]
    public void File_caught_empty_mid_write_keeps_the_last_good_sets()
    {
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "team.yaml");
        File.WriteAllText(file, "name: good\n");
        using var provider = new PolicyDirectoryProvider(_directory);

        File.WriteAllText(file, "");
        var ok = provider.Reload();

        Assert.False(ok);
        Assert.Contains("team.yaml: is empty", provider.LastError, StringComparison.Ordinal);
        Assert.Equal("good", Assert.Single(provider.Sets).Name);
    }

    [Fact]
    public void Directory_without_a_policy_set_is_refused()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "team.yaml"), "# policies will go here\n");

        var failure = Assert.Throws<PolicyLoadException>(() => new PolicyDirectoryProvider(_directory));

        Assert.Contains("holds no policy set", failure.Message, StringComparison.Ordinal);
    }
}
