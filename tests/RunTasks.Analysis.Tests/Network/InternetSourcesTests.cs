using static RunTasks.Analysis.Tests.Rules.NetworkExposure.NetworkExposureTests;
using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Network;

/// <summary>The one definition of "the internet" (Network/InternetSources), as the built-in rules and any_cidr_is_internet apply it.</summary>
public sealed class InternetSourcesTests
{
    [Theory]
    [InlineData("""["0.0.0.0/0"]""", "[]", true)]
    [InlineData("[]", """["::/0"]""", true)]
    [InlineData("""["*"]""", "[]", true)]
    [InlineData("""["Internet"]""", "[]", true)]
    [InlineData("""["0.0.0.0"]""", "[]", true)]
    [InlineData("""["0.0.0.1/32"]""", "[]", false)]
    [InlineData("""["0.0.0.0/1"]""", "[]", true)]
    [InlineData("""["128.0.0.0/1"]""", "[]", true)]
    [InlineData("""["0.0.0.0/2","64.0.0.0/3"]""", "[]", true)]
    [InlineData("""["8.0.0.0/8"]""", "[]", true)]
    [InlineData("""["8.0.0.0/9"]""", "[]", false)]
    [InlineData("""["8.0.0.0/9","8.128.0.0/9"]""", "[]", true)]
    [InlineData("""["10.0.0.0/8","172.16.0.0/12","192.168.0.0/16"]""", "[]", false)]
    [InlineData("""["224.0.0.0/3"]""", "[]", false)]
    [InlineData("""["203.0.113.0/24"]""", "[]", false)]
    [InlineData("[]", """["2001:4860::/32"]""", true)]
    [InlineData("[]", """["2001:4860::/33"]""", false)]
    [InlineData("[]", """["fc00::/7"]""", false)]
    [InlineData("[]", """["::/1","8000::/1"]""", true)]
    [InlineData("""["VirtualNetwork","sg-0123"]""", "[]", false)]
    public async Task The_built_in_rule_and_any_cidr_is_internet_agree_on_the_internet(string ipv4, string ipv6, bool internet)
    {
        var policy = Policy("""
            builtin_rules: false
            rules: {network_exposure: {}}
            custom_rules:
              - id: probe
                resource_types: [aws_security_group_rule]
                condition: any_cidr_is_internet(change.after.cidr_blocks) || any_cidr_is_internet(change.after.ipv6_cidr_blocks)
            """);

        var report = await AnalyzeAsync(SshFrom(ipv4, ipv6), policy);

        Assert.Equal((internet, internet), (report.Of("network_exposure").Any(), report.Of("probe").Any()));
    }
}
