using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Tests.Policies;

/// <summary>A policy set spread over a folder of the policy directory (the baseline pack's layout).</summary>
public sealed class PolicySetFolderTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("runtasks-set-folder-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Folder_with_a_set_file_is_one_set_holding_the_rules_of_every_file_in_path_order()
    {
        Write("team.yaml", "name: team\n");
        Write("pack/set.yaml", "name: pack\nbuiltin_rules: false\n");
        Write("pack/gcp/storage.yaml", Rules("pack.gcp.storage.a"));
        Write("pack/aws/s3.yaml", Rules("pack.aws.s3.a", "pack.aws.s3.b"));

        var sets = PolicyDirectoryProvider.Load(_directory.FullName);

        Assert.Equal(["pack", "team"], sets.Select(set => set.Name));
        Assert.Equal(["pack.aws.s3.a", "pack.aws.s3.b", "pack.gcp.storage.a"], sets[0].EnabledRules);
    }

    [Fact]
    public void Folder_without_a_set_file_is_not_read()
    {
        Write("team.yaml", "name: team\n");
        Write("tests/cases.yaml", "cases: []\n");

        var set = Assert.Single(PolicyDirectoryProvider.Load(_directory.FullName));

        Assert.Equal("team", set.Name);
    }

    [Fact]
    public void File_of_a_set_folder_with_more_than_custom_rules_is_refused_naming_it()
    {
        Write("pack/set.yaml", "name: pack\n");
        Write("pack/aws/s3.yaml", "name: other\n" + Rules("pack.aws.s3.a"));

        var failure = Assert.Throws<PolicyLoadException>(() => PolicyDirectoryProvider.Load(_directory.FullName));

        Assert.Contains(Path.Combine(_directory.FullName, "pack", "aws", "s3.yaml"), failure.Message, StringComparison.Ordinal);
        Assert.Contains("holds only custom_rules", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_rule_id_in_two_files_of_a_set_folder_is_refused_naming_the_second_file_and_line()
    {
        Write("pack/set.yaml", "name: pack\n");
        Write("pack/a.yaml", Rules("pack.same"));
        Write("pack/b.yaml", Rules("pack.same"));

        var failure = Assert.Throws<PolicyLoadException>(() => PolicyDirectoryProvider.Load(_directory.FullName));

        Assert.StartsWith(Path.Combine(_directory.FullName, "pack", "b.yaml") + ": line 2 (set 'pack')", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'pack.same' is used by another custom rule of this set", failure.Message, StringComparison.Ordinal);
    }

    private static string Rules(params string[] ids) =>
        "custom_rules:\n" + string.Concat(ids.Select(id => $"  - id: {id}\n    enforcement: warning\n    resource_types: [aws_s3_bucket]\n    condition: \"change.after.bucket == 'x'\"\n"));

    private void Write(string path, string text)
    {
        var full = Path.Combine(_directory.FullName, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
