using System.Xml.Linq;
using RunTasks.Analysis.Tests;

namespace RunTasks.Cli.Tests.Output;

/// <summary><c>runtasks check --format junit</c> writes JUnit XML CI systems show as tests (issue 12 §3).</summary>
public sealed class JUnitOutputTests
{
    private static async Task<XDocument> CheckAsync(string fixture)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        await CliApplication.RunAsync(["check", TestPaths.Fixture(fixture), "--format", "junit"], output, error, CancellationToken.None);
        return XDocument.Parse(output.ToString());
    }

    [Fact]
    public async Task Error_findings_are_failures_and_quiet_rules_pass()
    {
        var xml = await CheckAsync("snyk__cli__destroy-8-aws.json");

        var suite = xml.Root!.Element("testsuite")!;
        var failure = Assert.Single(suite.Elements("testcase"), c => c.Element("failure") is not null);
        Assert.Equal("runtasks.destroy_guard", failure.Attribute("classname")!.Value);
        Assert.Equal("destroy_guard", failure.Element("failure")!.Attribute("type")!.Value);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        Assert.Equal(suite.Elements("testcase").Count().ToString(System.Globalization.CultureInfo.InvariantCulture), suite.Attribute("tests")!.Value);
        Assert.Contains(suite.Elements("testcase"), c => c.Attribute("classname")!.Value == "runtasks.network_exposure" && !c.HasElements);
    }

    [Fact]
    public async Task Warnings_pass_with_their_text()
    {
        var xml = await CheckAsync("bridgecrewio__checkov__runner-55-aws-creates.json");

        var warning = xml.Descendants("testcase").First(c => c.Attribute("classname")!.Value == "runtasks.known_after_apply" && c.Element("system-out") is not null);
        Assert.Null(warning.Element("failure"));
        Assert.StartsWith("WARNING: ", warning.Element("system-out")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passing_plan_has_no_failures()
    {
        var xml = await CheckAsync("hashicorp__terraform-json__action-reason-replace.json");

        Assert.Equal("0", xml.Root!.Attribute("failures")!.Value);
    }
}
