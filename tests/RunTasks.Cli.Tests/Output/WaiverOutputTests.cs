using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using NJsonSchema;
using RunTasks.Analysis.Tests;
using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Cli.Tests.Output;

/// <summary>A waived finding shows as waived, with its waiver, in every format of <c>runtasks check</c>.</summary>
public sealed class WaiverOutputTests : IDisposable
{
    private readonly WaiverDirectory _directory = new();
    private readonly string _plan;

    public WaiverOutputTests()
    {
        // Relative to today: `check` judges by the real clock, as the server does.
        var expires = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        _directory.WriteWaivers(WaiverDirectory.Waiver(overrides: [("expires", expires), ("ticket", "https://jira.acme.example/browse/SEC-1234")]));
        _plan = _directory.Write("plan.json", Plan(Change("aws_security_group", """["create"]""", """{"ingress":[{"cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[],"from_port":22,"to_port":22,"protocol":"tcp"}]}""", address: WaiverDirectory.Bastion)));
    }

    public void Dispose() => _directory.Dispose();

    private async Task<(int Exit, string Output)> CheckAsync(string format)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApplication.RunAsync(["check", _plan, "--policy", _directory.Path, "--format", format], output, error, CancellationToken.None);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task Text_output_marks_the_finding_waived_with_its_waiver()
    {
        var (exit, output) = await CheckAsync("text");

        Assert.Equal(0, exit);
        Assert.Contains("WAIVED  [network_exposure] module.edge.aws_security_group.bastion allows ingress", output, StringComparison.Ordinal);
        Assert.Contains("waived by SEC-1234 until", output, StringComparison.Ordinal);
        Assert.Contains("PASSED: Passed — 1 finding waived: SEC-1234", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_carries_the_waiver_of_a_waived_finding()
    {
        var (_, output) = await CheckAsync("json");

        using var json = JsonDocument.Parse(output);
        var finding = json.RootElement.GetProperty("findings")[0];
        Assert.True(finding.GetProperty("waived").GetBoolean());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        var waiver = finding.GetProperty("waived_by");
        Assert.Equal(("SEC-1234", "security@acme.example"), (waiver.GetProperty("id").GetString(), waiver.GetProperty("approved_by").GetString()));
    }

    [Fact]
    public async Task Sarif_output_has_an_accepted_external_suppression_with_the_reason()
    {
        var (_, output) = await CheckAsync("sarif");

        var errors = (await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-2.1.0.json"))).Validate(output);
        Assert.Empty(errors.Select(e => e.ToString()));
        using var json = JsonDocument.Parse(output);
        var suppression = json.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("suppressions")[0];
        Assert.Equal(("external", "accepted"), (suppression.GetProperty("kind").GetString(), suppression.GetProperty("status").GetString()));
        Assert.Equal("Bastion takes SSH from the internet until the VPN is live.", suppression.GetProperty("justification").GetString());
    }

    [Fact]
    public async Task Junit_output_skips_a_waived_finding_with_the_reason()
    {
        var (_, output) = await CheckAsync("junit");

        var suite = XDocument.Parse(output).Root!.Element("testsuite")!;
        var skipped = Assert.Single(suite.Elements("testcase").Elements("skipped"));
        Assert.StartsWith("Waived by SEC-1234 until", skipped.Attribute("message")!.Value, StringComparison.Ordinal);
        Assert.Contains("Bastion takes SSH from the internet", skipped.Attribute("message")!.Value, StringComparison.Ordinal);
        Assert.Equal(("0", "1"), (suite.Attribute("failures")!.Value, suite.Attribute("skipped")!.Value));
    }
}
