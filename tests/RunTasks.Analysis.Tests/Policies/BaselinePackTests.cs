using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using RunTasks.Cli;
using RunTasks.Cli.Testing;
using YamlDotNet.RepresentationModel;
using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Policies;

/// <summary>policies/baseline/ (one set over a folder): its size and metadata, its own cases (run as <c>runtasks test policies</c>), and the real fixture plans.</summary>
public sealed class BaselinePackTests
{
    private static readonly string PolicyDirectory = Path.Combine(TestPaths.RepositoryRoot, "policies");
    private static readonly string BaselineFolder = Path.Combine(PolicyDirectory, "baseline");

    private static IReadOnlyList<string> CheckIds() => PolicySetFolder.Load(BaselineFolder).EnabledRules;

    private static IEnumerable<YamlMappingNode> CheckNodes() =>
        Directory.EnumerateFiles(BaselineFolder, "*.yaml", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) != PolicySetFolder.SetFileName)
            .Order(StringComparer.Ordinal)
            .SelectMany(path =>
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(File.ReadAllText(path)));
                var root = (YamlMappingNode)stream.Documents[0].RootNode;
                return ((YamlSequenceNode)root["custom_rules"]).Children.Cast<YamlMappingNode>();
            });

    [Fact]
    public async Task Shipped_policy_tests_all_pass()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApplication.RunAsync(["test", PolicyDirectory], output, error, CancellationToken.None);

        Assert.True(exit == 0, output.ToString() + error);
        Assert.DoesNotContain("FAIL", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Baseline_has_at_least_100_checks_named_baseline()
    {
        var ids = CheckIds();

        Assert.InRange(ids.Count, 100, int.MaxValue);
        Assert.All(ids, id => Assert.StartsWith("baseline.", id, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_check_reports_without_failing_runs_and_says_why_how_and_where_documented()
    {
        Assert.All(CheckNodes(), check =>
        {
            var id = check["id"].ToString();
            Assert.True(check["enforcement"].ToString() is "warning" or "info", id);
            Assert.StartsWith("{address} ", check["description"].ToString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(check["rationale"].ToString()), id);
            Assert.False(string.IsNullOrWhiteSpace(check["remediation"].ToString()), id);
            var types = ((YamlSequenceNode)check["resource_types"]).Children.Select(t => t.ToString()).ToList();
            Assert.NotEmpty(types);
            var provider = types[0][..types[0].IndexOf('_', StringComparison.Ordinal)];
            Assert.StartsWith($"https://registry.terraform.io/providers/hashicorp/{provider}/latest/docs/resources/{types[0][(provider.Length + 1)..]}#", check["docs_url"].ToString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_check_is_listed_in_the_policy_documentation()
    {
        var documentation = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "policies.md"));

        Assert.All(CheckIds(), id => Assert.Contains($"| `{id}` |", documentation, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_check_has_a_positive_and_a_negative_case()
    {
        var cases = PolicyTestCaseReader.ReadDirectory(Path.Combine(PolicyDirectory, "tests"));
        var positive = cases.SelectMany(c => c.Findings).ToHashSet();
        var negative = cases.SelectMany(c => c.Absent).ToHashSet();

        Assert.All(CheckIds(), id =>
        {
            Assert.True(positive.Contains(id), $"{id} has no case where it must be reported");
            Assert.True(negative.Contains(id), $"{id} has no case where it must stay silent");
        });
    }

    [Fact]
    public async Task Every_check_evaluates_resources_whose_attributes_are_all_absent()
    {
        var types = CheckNodes().SelectMany(check => ((YamlSequenceNode)check["resource_types"]).Children.Select(t => t.ToString())).Distinct().ToList();
        var plan = Plan([.. types.Select(type => Change(type, """["create"]""", "{}"))]);

        var report = await AnalyzeAsync(plan, new StaticPolicyProvider([PolicySetFolder.Load(BaselineFolder)]));

        Assert.DoesNotContain(report.Findings, f => f.RuleId == "rule_failure");
    }

    [Fact]
    public async Task Baseline_finding_links_to_the_provider_documentation()
    {
        var baseline = new StaticPolicyProvider([PolicySetFolder.Load(BaselineFolder)]);

        var report = await AnalyzeAsync(Plan(Change("aws_kms_key", """["create"]""", """{"enable_key_rotation":false}""", address: "aws_kms_key.app")), baseline);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("baseline.aws.kms.rotation", Severity.Warning), (finding.RuleId, finding.Severity));
        Assert.Equal("aws_kms_key.app does not rotate its key material", finding.Description);
        Assert.Contains("**Reference:** https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_key#enable_key_rotation", finding.MarkdownBody, StringComparison.Ordinal);
        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Every_fixture_plan_keeps_its_verdict_with_the_baseline_loaded()
    {
        var shipped = new StaticPolicyProvider(PolicyDirectoryProvider.Load(PolicyDirectory));
        Assert.Equal(2, PolicyDirectoryProvider.Load(PolicyDirectory).Count);
        foreach (var fixture in Directory.EnumerateFiles(TestPaths.FixturePlans, "*.json"))
        {
            AnalysisReport defaults, withBaseline;
            await using (var stream = File.OpenRead(fixture))
            {
                defaults = await AnalyzeAsync(stream);
            }

            await using (var stream = File.OpenRead(fixture))
            {
                withBaseline = await AnalyzeAsync(stream, shipped);
            }

            Assert.DoesNotContain(withBaseline.Findings, f => f.RuleId is "plan_unreadable" or "rule_failure");
            Assert.True(defaults.Passed == withBaseline.Passed, Path.GetFileName(fixture));
            Assert.InRange(withBaseline.Message.Length, 1, 1000);
        }
    }
}
