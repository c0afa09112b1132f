using System.Text;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Policies;

public sealed class WaiverEngineTests : IDisposable
{
    private static readonly EvaluationScope Edge = new("acme", "Platform", "prod-edge", "post_plan");

    private readonly WaiverDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static string OpenSsh(string address) =>
        Change("aws_security_group", """["create"]""", """{"ingress":[{"cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[],"from_port":22,"to_port":22,"protocol":"tcp"}]}""", address: address);

    private async Task<AnalysisReport> AnalyzeAsync(string plan, DateTimeOffset now, EvaluationScope? scope = null)
    {
        var analyzer = new PlanAnalyzer(new StaticPolicyProvider(_directory.Load()), AnalysisLimits.Default, new PinnedTime(now), WaiverOptions.Default);
        return await analyzer.AnalyzeAsync(new MemoryStream(Encoding.UTF8.GetBytes(plan)), scope ?? Edge, CancellationToken.None);
    }

    [Fact]
    public async Task A_live_waiver_passes_the_run_and_keeps_the_finding_with_its_severity()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver());

        var report = await AnalyzeAsync(Plan(OpenSsh(WaiverDirectory.Bastion)), WaiverDirectory.Now);

        Assert.True(report.Passed);
        var finding = Assert.Single(report.Of("network_exposure"));
        Assert.Equal((Severity.Error, "SEC-1234"), (finding.Severity, finding.WaivedBy?.Id));
        Assert.Equal("Passed — 1 finding waived: SEC-1234", report.Message);
        Assert.Contains("**Waived** by `SEC-1234` until 2027-03-31 (end of day, UTC)", finding.MarkdownBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_waiver_still_works_in_the_last_second_of_its_date()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver());

        var report = await AnalyzeAsync(Plan(OpenSsh(WaiverDirectory.Bastion)), new DateTimeOffset(2027, 3, 31, 23, 59, 59, TimeSpan.Zero));

        Assert.True(report.Passed);
    }

    [Fact]
    public async Task An_expired_waiver_fails_the_run_again_naming_the_waiver_and_when_it_expired()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver());

        var report = await AnalyzeAsync(Plan(OpenSsh(WaiverDirectory.Bastion)), new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.False(report.Passed);
        var finding = Assert.Single(report.Of("network_exposure"));
        Assert.Null(finding.WaivedBy);
        Assert.EndsWith("(waiver SEC-1234 expired on 2027-03-31 (end of day, UTC))", finding.Description, StringComparison.Ordinal);
        Assert.Contains("waiver SEC-1234 expired on 2027-03-31", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_waiver_expiring_soon_adds_a_warning_naming_it()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver());

        var report = await AnalyzeAsync(Plan(OpenSsh(WaiverDirectory.Bastion)), new DateTimeOffset(2027, 3, 25, 0, 0, 0, TimeSpan.Zero));

        var warning = Assert.Single(report.Of("waiver_expiring"));
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.StartsWith("Waiver SEC-1234 (network_exposure) expires in 7 days, on 2027-03-31", warning.Description, StringComparison.Ordinal);
        Assert.True(report.Passed);
    }

    [Fact]
    public async Task A_waiver_far_from_expiry_adds_no_warning()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver());

        var report = await AnalyzeAsync(Plan(OpenSsh(WaiverDirectory.Bastion)), WaiverDirectory.Now);

        Assert.Empty(report.Of("waiver_expiring"));
    }

    [Fact]
    public async Task A_waiver_for_one_workspace_does_not_apply_in_another()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver(overrides: ("workspaces", "[prod-edge]")));

        var report = await AnalyzeAsync(Plan(OpenSsh(WaiverDirectory.Bastion)), WaiverDirectory.Now, Edge with { Workspace = "prod-core" });

        Assert.False(report.Passed);
        Assert.Null(Assert.Single(report.Of("network_exposure")).WaivedBy);
    }

    [Fact]
    public async Task Organization_project_and_stage_globs_scope_a_waiver_like_a_policy_set()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver(overrides: [("organizations", "[acme]"), ("projects", "[\"Plat*\"]"), ("stages", "[pre_apply]")]));

        var atPlan = await AnalyzeAsync(Plan(OpenSsh(WaiverDirectory.Bastion)), WaiverDirectory.Now);
        var atApply = await AnalyzeAsync(Plan(OpenSsh(WaiverDirectory.Bastion)), WaiverDirectory.Now, Edge with { Stage = "pre_apply" });

        Assert.Equal((false, true), (atPlan.Passed, atApply.Passed));
    }

    [Fact]
    public async Task A_waiver_covers_only_its_rule()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver(overrides: ("rule", "public_storage")));

        var report = await AnalyzeAsync(Plan(OpenSsh(WaiverDirectory.Bastion)), WaiverDirectory.Now);

        Assert.False(report.Passed);
    }

    [Fact]
    public async Task A_for_each_key_in_a_module_instance_is_part_of_the_address()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver(overrides: ("resources", """['module.x["a"].aws_security_group.b["k"]']""")));
        var plan = Plan(OpenSsh("""module.x[\"a\"].aws_security_group.b[\"k\"]"""), OpenSsh("""module.x[\"b\"].aws_security_group.b[\"k\"]"""));

        var report = await AnalyzeAsync(plan, WaiverDirectory.Now);

        var findings = report.Of("network_exposure").ToDictionary(f => f.Address, f => f.WaivedBy?.Id);
        Assert.Equal("SEC-1234", findings["""module.x["a"].aws_security_group.b["k"]"""]);
        Assert.Null(findings["""module.x["b"].aws_security_group.b["k"]"""]);
    }

    [Fact]
    public async Task An_address_glob_covers_every_instance_it_matches()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver(overrides: ("resources", """['module.x[*].aws_security_group.b[*]']""")));
        var plan = Plan(OpenSsh("""module.x[\"a\"].aws_security_group.b[\"k\"]"""), OpenSsh("""module.x[\"b\"].aws_security_group.b[\"j\"]"""), OpenSsh("aws_security_group.b"));

        var report = await AnalyzeAsync(plan, WaiverDirectory.Now);

        Assert.Equal(["aws_security_group.b"], report.Of("network_exposure").Where(f => f.WaivedBy is null).Select(f => f.Address));
    }

    [Fact]
    public async Task A_run_with_a_waived_and_an_open_error_still_fails()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver());

        var report = await AnalyzeAsync(Plan(OpenSsh(WaiverDirectory.Bastion), OpenSsh("aws_security_group.web")), WaiverDirectory.Now);

        Assert.False(report.Passed);
        Assert.StartsWith("1 error — 1 finding waived: SEC-1234; aws_security_group.web allows ingress", report.Message, StringComparison.Ordinal);
    }
}
