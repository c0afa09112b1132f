using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Tests.Engine;

/// <summary>Every real plan in ../shared/fixtures/plans, analysed with the built-in defaults, with its expected verdict.</summary>
public sealed class FixturePlanTests
{
    public static TheoryData<string, bool, string[]> Expectations => new()
    {
        // fixture, passes, error-level rule ids expected (sorted, distinct)
        { "GoogleCloudPlatform__terraform-validator__gcp-iam-binding-replace.json", false, ["iam_wildcards"] },
        { "Halimer__opa-oci-cis-benchmark-rules__oci-landing-zone-1.3mb.json", true, [] },
        { "aquasecurity__trivy__module-call-tf1.14.json", true, [] },
        { "bridgecrewio__checkov__azurerm-resource-refs.json", true, [] },
        { "bridgecrewio__checkov__create-before-destroy-replace.json", false, ["destroy_guard"] },
        { "bridgecrewio__checkov__gcp-boot-disk-sensitive.json", true, [] },
        { "bridgecrewio__checkov__github-oidc-iam-data-modules.json", true, [] },
        { "bridgecrewio__checkov__runner-55-aws-creates.json", false, ["encryption_at_rest", "hardcoded_secrets", "network_exposure", "public_storage"] },
        { "fugue__regula__aws-iam-user-policies.json", true, [] },
        { "fugue__regula__aws-sg-ingress-anywhere.json", false, ["network_exposure"] },
        { "hashicorp__terraform-json__action-reason-replace.json", true, [] },
        { "infracost__infracost__azure-express-route-sensitive.json", false, ["hardcoded_secrets"] }, // shared_key = "ItsASecret" literal
        { "infracost__infracost__target-update-drift.json", false, ["encryption_at_rest"] },
        { "infracost__infracost__tf0.14-modules-update.json", false, ["encryption_at_rest", "hardcoded_secrets"] },
        { "matt-se__opa-run-task-tfe__hcp-json-output-ec2.json", true, [] },
        { "open-policy-agent__conftest__gke-show-tf0.12-beta2.json", false, ["network_exposure"] },
        { "opentofu__opentofu__equiv-complex-destroy.json", true, [] },
        { "opentofu__opentofu__show-json-drift.json", true, [] },
        { "snyk__cli__destroy-8-aws.json", false, ["destroy_guard"] },
        { "terraform-compliance__cli__issue522-drift-deletes.json", true, [] },
    };

    [Theory]
    [MemberData(nameof(Expectations))]
    public async Task Fixture_plan_gets_the_expected_verdict(string fixture, bool passes, string[] errorRules)
    {
        await using var stream = File.OpenRead(TestPaths.Fixture(fixture));

        var report = await TestPlans.AnalyzeAsync(stream);

        Assert.DoesNotContain(report.Findings, f => f.RuleId is "plan_unreadable" or "rule_failure");
        Assert.Equal(passes, report.Passed);
        Assert.Equal(errorRules, report.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal).ToArray());
        Assert.InRange(report.Message.Length, 1, 1000);
    }

    [Fact]
    public void Every_fixture_plan_has_an_expectation()
    {
        var listed = Expectations.Select(row => (string)row[0]).ToHashSet();

        var files = Directory.EnumerateFiles(TestPaths.FixturePlans, "*.json").Select(f => Path.GetFileName(f));

        Assert.All(files, file => Assert.Contains(file, listed));
    }

    [Fact]
    public async Task Fixture_summaries_count_actions_like_terraform()
    {
        await using var stream = File.OpenRead(TestPaths.Fixture("terraform-compliance__cli__issue522-drift-deletes.json"));

        var report = await TestPlans.AnalyzeAsync(stream);

        Assert.Equal((5, 1, 2, 0), (report.Summary.Create, report.Summary.Update, report.Summary.Delete, report.Summary.Replace));
        Assert.Equal("0.1", report.Summary.FormatVersion);
        Assert.Equal("1.0.0", report.Summary.TerraformVersion);
        Assert.Equal(2, report.Summary.Deletions.Count);
    }

    [Fact]
    public async Task Credentials_in_a_real_plan_never_reach_findings()
    {
        await using var stream = File.OpenRead(TestPaths.Fixture("bridgecrewio__checkov__runner-55-aws-creates.json"));

        var report = await TestPlans.AnalyzeAsync(stream);

        Assert.All(report.Findings, f => Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", f.MarkdownBody, StringComparison.Ordinal));
    }
}
