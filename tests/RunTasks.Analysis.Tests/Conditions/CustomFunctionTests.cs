using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Conditions;

/// <summary>The JMESPath functions policies add (docs/policies.md, "Functions"), exercised through custom rule conditions.</summary>
public sealed class CustomFunctionTests
{
    private static async Task<AnalysisReport> EvaluateAsync(string condition, string after = "{}")
    {
        var policy = Policy($"""
            builtin_rules: false
            custom_rules:
              - id: probe
                resource_types: [aws_instance]
                condition: |-
                  {condition}
            """);
        return await AnalyzeAsync(Plan(Change("aws_instance", """["create"]""", after)), policy);
    }

    private static async Task<bool> HoldsAsync(string condition, string after = "{}")
    {
        var report = await EvaluateAsync(condition, after);
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "rule_failure");
        return report.Findings.Any(f => f.RuleId == "probe");
    }

    [Theory]
    [InlineData("""["0.0.0.0/0"]""", true)]
    [InlineData("""["::/0"]""", true)]
    [InlineData("""["0.0.0.0/1", "128.0.0.0/1"]""", true)]
    [InlineData("""["0.0.0.0/5", "8.0.0.0/7", "11.0.0.0/8", "12.0.0.0/6", "16.0.0.0/4", "32.0.0.0/3", "64.0.0.0/2", "128.0.0.0/1"]""", true)]
    [InlineData("""["Internet"]""", true)]
    [InlineData("\"*\"", true)]
    [InlineData("""["0.0.0.0/1"]""", true)]
    [InlineData("""["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]""", false)]
    [InlineData("""["VirtualNetwork", "sg-0123"]""", false)]
    [InlineData("null", false)]
    public async Task Any_cidr_is_internet_judges_the_sources_as_a_set(string sources, bool expected)
    {
        Assert.Equal(expected, await HoldsAsync("any_cidr_is_internet(change.after.sources)", $$"""{"sources":{{sources}}}"""));
    }

    [Theory]
    [InlineData("8.8.8.0/24", true)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("172.0.0.0/11", true)]
    [InlineData("2001:4860::/32", true)]
    [InlineData("Internet", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("10.1.0.0/16", false)]
    [InlineData("192.168.1.5", false)]
    [InlineData("203.0.113.0/24", false)]
    [InlineData("fd00::/8", false)]
    [InlineData("VirtualNetwork", false)]
    public async Task Cidr_is_public_is_true_when_the_range_holds_a_public_address(string cidr, bool expected)
    {
        Assert.Equal(expected, await HoldsAsync("cidr_is_public(change.after.cidr)", $$"""{"cidr":"{{cidr}}"}"""));
    }

    [Fact]
    public async Task Cidr_is_public_with_an_array_is_true_when_any_item_is()
    {
        Assert.True(await HoldsAsync("cidr_is_public(change.after.cidrs)", """{"cidrs":["10.0.0.0/8","8.8.8.8/32"]}"""));
    }

    [Theory]
    [InlineData("port_in_range(`20`, `30`, `22`)", true)]
    [InlineData("port_in_range(`20`, `30`, `[80, 443]`)", false)]
    [InlineData("port_in_range('135-139', `137`)", true)]
    [InlineData("port_in_range('*', `445`)", true)]
    [InlineData("port_in_range('445', `[21, 445]`)", true)]
    [InlineData("port_in_range('22', '22')", true)]
    [InlineData("port_in_range(`[\"80\", \"135-139\"]`, `137`)", true)]
    [InlineData("port_in_range(`[\"80\", \"443\"]`, `[21, 445]`)", false)]
    [InlineData("port_in_range(`null`, `22`)", false)]
    [InlineData("port_in_range(`[\"\", \"445\"]`, `445`)", true)]
    [InlineData("port_in_range('', `22`)", false)]
    [InlineData("port_in_range(`0`, `65535`, `[]`)", false)]
    public async Task Port_in_range_reads_numbers_and_range_strings(string condition, bool expected)
    {
        Assert.Equal(expected, await HoldsAsync(condition));
    }

    [Theory]
    [InlineData("contains_any(`[\"a\", \"b\"]`, `[\"b\", \"c\"]`)", true)]
    [InlineData("contains_any('a', `[\"a\"]`)", true)]
    [InlineData("contains_any(`[80, 443]`, `80`)", true)]
    [InlineData("contains_any(`[1, 2]`, `[3]`)", false)]
    [InlineData("contains_any(`null`, `[\"a\"]`)", false)]
    public async Task Contains_any_treats_scalars_as_one_item_lists(string condition, bool expected)
    {
        Assert.Equal(expected, await HoldsAsync(condition));
    }

    [Theory]
    [InlineData("TLS1_0", true)]
    [InlineData("1.1", true)]
    [InlineData("TLSv1_2016", true)]
    [InlineData("Tls", true)]
    [InlineData("Tls11", true)]
    [InlineData("TLS_1_0", true)]
    [InlineData("TLSv1_0", true)]
    [InlineData("Policy-Min-TLS-1-0-2019-07", true)]
    [InlineData("SSLv3", true)]
    [InlineData("Disabled", true)]
    [InlineData("TLS1_2", false)]
    [InlineData("1.2", false)]
    [InlineData("TLSv1.2_2021", false)]
    [InlineData("Tls12", false)]
    [InlineData("TLS_1_3", false)]
    [InlineData("Policy-Min-TLS-1-2-PFS-2023-10", false)]
    public async Task Tls_version_below_reads_each_providers_spelling(string version, bool expected)
    {
        Assert.Equal(expected, await HoldsAsync("tls_version_below(change.after.v, '1.2')", $$"""{"v":"{{version}}"}"""));
    }

    [Fact]
    public async Task Tls_version_below_is_false_for_a_missing_value()
    {
        Assert.False(await HoldsAsync("tls_version_below(change.after.v, '1.2')"));
        Assert.False(await HoldsAsync("tls_version_below(change.after.v, '1.2')", """{"v":""}"""));
    }

    [Fact]
    public async Task A_value_a_function_cannot_read_is_reported_as_a_rule_failure_not_as_a_finding()
    {
        var report = await EvaluateAsync("tls_version_below(change.after.v, '1.2')", """{"v":"modern"}""");

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("rule_failure", Severity.Error), (finding.RuleId, finding.Severity));
        Assert.Contains("probe", finding.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Docs_url_must_be_an_absolute_link()
    {
        var exception = Assert.Throws<PolicyLoadException>(() => PolicySet.Parse("""
            custom_rules:
              - id: linked
                condition: "`true`"
                docs_url: docs/attribute.md
            """, "team.yaml"));

        Assert.Contains("custom_rules[linked].docs_url", exception.Message, StringComparison.Ordinal);
    }
}
