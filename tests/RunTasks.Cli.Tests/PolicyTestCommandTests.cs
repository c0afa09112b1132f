namespace RunTasks.Cli.Tests;

/// <summary><c>runtasks test DIR</c> on small policy folders written to a temp directory.</summary>
public sealed class PolicyTestCommandTests : IDisposable
{
    private const string Policy = """
        builtin_rules: false
        custom_rules:
          - id: acme.rotation
            enforcement: error
            resource_types: [aws_kms_key]
            condition: "change.after.enable_key_rotation != `true`"
        """;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("runtasks-test-");

    public void Dispose() => _directory.Delete(recursive: true);

    private async Task<(int Exit, string Output, string Error)> RunAsync(string? directory = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApplication.RunAsync(["test", directory ?? _directory.FullName], output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private void Write(string relativePath, string text)
    {
        var path = Path.Combine(_directory.FullName, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string Case(string name, bool rotation, string expect) => $$$"""
          - name: {{{name}}}
            resource_changes:
              - type: aws_kms_key
                change: {after: {enable_key_rotation: {{{(rotation ? "true" : "false")}}}}}
            expect: {{{expect}}}

        """;

    [Fact]
    public async Task Cases_that_hold_exit_with_zero_and_print_one_line_each()
    {
        Write("acme.yaml", Policy);
        Write("tests/kms.yaml", "cases:\n" + Case("no rotation", false, "{verdict: failed, findings: [acme.rotation]}") + Case("rotation", true, "{verdict: passed, absent: [acme.rotation]}"));

        var (exit, output, _) = await RunAsync();

        Assert.Equal(0, exit);
        Assert.Contains("PASS  kms.yaml › no rotation", output, StringComparison.Ordinal);
        Assert.Contains("PASS  kms.yaml › rotation", output, StringComparison.Ordinal);
        Assert.Contains("2 cases: 2 passed, 0 failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_finding_exits_with_one_and_says_what_differs()
    {
        Write("acme.yaml", Policy);
        Write("tests/kms.yaml", "cases:\n" + Case("wrong", true, "{verdict: failed, findings: [acme.rotation]}"));

        var (exit, output, _) = await RunAsync();

        Assert.Equal(1, exit);
        Assert.Contains("FAIL  kms.yaml › wrong: verdict passed, expected failed; missing acme.rotation (found: none)", output, StringComparison.Ordinal);
        Assert.Contains("1 cases: 0 passed, 1 failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_finding_that_must_be_absent_exits_with_one()
    {
        Write("acme.yaml", Policy);
        Write("tests/kms.yaml", "cases:\n" + Case("should be clean", false, "{absent: [acme.rotation]}"));

        var (exit, output, _) = await RunAsync();

        Assert.Equal(1, exit);
        Assert.Contains("unexpected acme.rotation", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_id_no_set_runs_is_a_failure_not_a_silent_pass()
    {
        Write("acme.yaml", Policy);
        Write("tests/kms.yaml", "cases:\n" + Case("typo", true, "{absent: [acme.rotaton]}"));

        var (exit, output, _) = await RunAsync();

        Assert.Equal(1, exit);
        Assert.Contains("no loaded policy set runs rule acme.rotaton", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_that_cannot_evaluate_fails_the_case()
    {
        Write("acme.yaml", """
            builtin_rules: false
            custom_rules:
              - id: acme.tls
                resource_types: [aws_kms_key]
                condition: "tls_version_below(change.after.description, '1.2')"
            """);
        Write("tests/tls.yaml", """
            resource_changes:
              - type: aws_kms_key
                change: {after: {description: not a version}}
            expect: {absent: [acme.tls]}
            """);

        var (exit, output, _) = await RunAsync();

        Assert.Equal(1, exit);
        Assert.Contains("FAIL  tls.yaml › tls: rule_failure: Custom rule acme.tls could not be evaluated", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_may_name_a_plan_file_beside_it()
    {
        Write("acme.yaml", Policy);
        Write("tests/plans/kms.json", """
            {"format_version":"1.2","terraform_version":"1.9.5","resource_changes":[
              {"address":"aws_kms_key.k","mode":"managed","type":"aws_kms_key","name":"k","change":{"actions":["create"],"before":null,"after":{"enable_key_rotation":false}}}]}
            """);
        Write("tests/from-file.yaml", "plan: plans/kms.json\nexpect: {verdict: failed, findings: [acme.rotation]}\n");

        var (exit, output, _) = await RunAsync();

        Assert.Equal(0, exit);
        Assert.Contains("PASS  from-file.yaml › from-file", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("policies", "extra")]
    [InlineData("--verbose")]
    public async Task Wrong_arguments_exit_with_two_and_print_usage(params string[] rest)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApplication.RunAsync(["test", .. rest], output, error, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("runtasks test DIR", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_directory_exits_with_two()
    {
        var (exit, _, error) = await RunAsync(Path.Combine(_directory.FullName, "nowhere"));

        Assert.Equal(2, exit);
        Assert.Contains("No tests folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_without_policy_files_exits_with_two_instead_of_testing_the_defaults()
    {
        Write("tests/kms.yaml", "cases:\n" + Case("any", true, "{verdict: passed}"));

        var (exit, output, error) = await RunAsync();

        Assert.Equal(2, exit);
        Assert.Contains("holds no policy file", error, StringComparison.Ordinal);
        Assert.DoesNotContain("PASS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_policy_exits_with_two()
    {
        Write("acme.yaml", "custom_rules: [ { id: broken, condition: 'change.after.[[' } ]");
        Write("tests/kms.yaml", "cases:\n" + Case("any", true, "{verdict: passed}"));

        var (exit, _, error) = await RunAsync();

        Assert.Equal(2, exit);
        Assert.Contains("Invalid policy", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("resource_changes: [{type: aws_kms_key}]\nexpect: {verdict: passed}\nstage: post_plan\nworkspcae: prod\n", "unknown key 'workspcae'")]
    [InlineData("resource_changes: [{type: aws_kms_key}]\nexpect: {}\n", "asserts nothing")]
    [InlineData("plan: missing.json\nexpect: {verdict: passed}\n", "plan file not found")]
    [InlineData("resource_changes: [{type: aws_kms_key}]\nexpect: {verdict: green}\n", "expect.verdict")]
    [InlineData("expect: {verdict: passed\n", "line")]
    public async Task An_invalid_case_file_exits_with_two_and_names_the_problem(string text, string expected)
    {
        Write("acme.yaml", Policy);
        Write("tests/bad.yaml", text);

        var (exit, _, error) = await RunAsync();

        Assert.Equal(2, exit);
        Assert.Contains("bad.yaml", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
