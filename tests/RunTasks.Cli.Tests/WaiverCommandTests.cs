using RunTasks.Analysis.Tests;

namespace RunTasks.Cli.Tests;

/// <summary><c>runtasks waivers</c> (state of every waiver) and <c>runtasks baseline</c> (one waiver per open error finding).</summary>
public sealed class WaiverCommandTests : IDisposable
{
    private static readonly string FailingPlan = TestPaths.Fixture("snyk__cli__destroy-8-aws.json");

    private readonly WaiverDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApplication.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    // Relative to today: `check` judges by the real clock, as the server does.
    private Task<(int Exit, string Output, string Error)> BaselineAsync() => RunAsync(
        "baseline", FailingPlan, "--policy", _directory.Path, "--organization", "acme", "--workspace", "prod-edge", "--owner", "team-edge@acme.example",
        "--approved-by", "security@acme.example", "--reason", "Legacy findings, fixed by Q2", "--expires", DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Waivers_lists_each_waiver_with_its_state()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver(), WaiverDirectory.Waiver("SEC-1240", ("expires", "2027-01-20")));

        var (exit, output, _) = await RunAsync("waivers", _directory.Path, "--now", "2027-01-10T12:00:00Z");

        Assert.Equal(0, exit);
        Assert.Contains("SEC-1234  live until 2027-03-31 (end of day, UTC)  network_exposure on module.edge.aws_security_group.bastion", output, StringComparison.Ordinal);
        Assert.Contains("SEC-1240  EXPIRING in 11 days (2027-01-20 (end of day, UTC))", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waivers_exits_1_when_a_waiver_has_expired()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver());

        var (exit, output, _) = await RunAsync("waivers", _directory.Path, "--now", "2027-04-01");

        Assert.Equal(1, exit);
        Assert.Contains("SEC-1234  EXPIRED on 2027-03-31 (end of day, UTC)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waivers_exits_1_naming_file_line_and_key_when_a_waiver_is_malformed()
    {
        var file = _directory.WriteWaivers(WaiverDirectory.Waiver(overrides: ("approved_by", null)));

        var (exit, output, _) = await RunAsync("waivers", _directory.Path);

        Assert.Equal(1, exit);
        Assert.Contains($"MALFORMED  {file}: line 2: waivers[SEC-1234].approved_by: required", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waivers_with_plans_says_which_waiver_matched_nothing()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver());
        var plans = Directory.CreateDirectory(Path.Combine(_directory.Path, "plans"));
        File.Copy(FailingPlan, Path.Combine(plans.FullName, "legacy.json"));

        var (_, output, _) = await RunAsync("waivers", _directory.Path, "--plans", plans.FullName, "--now", "2027-01-10");

        Assert.Contains("matched nothing in 1 plan(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Baseline_writes_waivers_that_pass_the_plan_in_that_workspace()
    {
        var (exit, yaml, _) = await BaselineAsync();
        _directory.Write("baseline.yaml", yaml);

        var (checkExit, output, _) = await RunAsync("check", FailingPlan, "--policy", _directory.Path, "--organization", "acme", "--workspace", "prod-edge");

        Assert.Equal((0, 0), (exit, checkExit));
        Assert.Contains("rule: 'destroy_guard'", yaml, StringComparison.Ordinal);
        Assert.Contains("WAIVED  [destroy_guard]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_baseline_for_one_workspace_does_not_pass_the_plan_in_another()
    {
        var (_, yaml, _) = await BaselineAsync();
        _directory.Write("baseline.yaml", yaml);

        var (exit, _, _) = await RunAsync("check", FailingPlan, "--policy", _directory.Path, "--organization", "acme", "--workspace", "prod-core");

        Assert.Equal(1, exit);
    }

    [Fact]
    public async Task Baseline_keys_each_waiver_by_organization_workspace_address_and_rule()
    {
        var (_, yaml, _) = await BaselineAsync();

        Assert.Contains("resources: ['aws_s3_bucket.terra_ci']\n    organizations: ['acme']\n    workspaces: ['prod-edge']", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Baseline_refuses_a_waiver_without_an_approver()
    {
        var (exit, _, error) = await RunAsync("baseline", FailingPlan, "--policy", _directory.Path, "--organization", "acme", "--workspace", "w",
            "--owner", "me", "--reason", "r", "--expires", "2027-03-31");

        Assert.Equal(2, exit);
        Assert.Contains("--approved-by", error, StringComparison.Ordinal);
    }
}
