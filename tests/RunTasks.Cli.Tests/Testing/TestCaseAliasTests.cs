using RunTasks.Cli.Testing;

namespace RunTasks.Cli.Tests.Testing;

/// <summary>A test case cannot make <c>runtasks test</c> expand YAML aliases (nine levels of ten aliases once took 11.4 GB).</summary>
public sealed class TestCaseAliasTests : IDisposable
{
    // Three levels only: were aliases expanded again, this test would see 1,000 values, not gigabytes.
    private const string Bomb = """
        name: bomb
        a: &a [x, x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        resource_changes: [{type: aws_kms_key}]
        expect: {verdict: passed}
        """;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("runtasks-alias-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Anchors_and_aliases_are_refused_at_the_first_one_with_its_line()
    {
        var path = Write("bomb.yaml", Bomb);

        var exception = Assert.Throws<TestCaseException>(() => PolicyTestCaseReader.ReadFile(path, "bomb.yaml"));

        Assert.StartsWith("bomb.yaml: line 2:", exception.Message, StringComparison.Ordinal);
        Assert.Contains("anchors (&a) are not supported in test cases", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Alias_without_a_known_anchor_is_refused_too()
    {
        var path = Write("alias.yaml", "name: alias\nresource_changes: *elsewhere\nexpect: {verdict: passed}\n");

        var exception = Assert.Throws<TestCaseException>(() => PolicyTestCaseReader.ReadFile(path, "alias.yaml"));

        Assert.Contains("alias", exception.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Case_without_aliases_still_reads()
    {
        var path = Write("plain.yaml", "name: plain\nresource_changes: [{type: aws_kms_key}]\nexpect: {verdict: passed}\n");

        var testCase = Assert.Single(PolicyTestCaseReader.ReadFile(path, "plain.yaml"));

        Assert.Equal("plain", testCase.Name);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
