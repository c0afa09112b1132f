using static RunTasks.Analysis.Tests.Plans;

namespace RunTasks.Analysis.Tests;

public sealed class NetworkExposureTests
{
    private static string SecurityGroup(string cidr, int from, int to, string protocol = "tcp") =>
        Plan(Change("aws_security_group", """["create"]""", $$"""{"ingress":[{"cidr_blocks":["{{cidr}}"],"ipv6_cidr_blocks":[],"from_port":{{from}},"to_port":{{to}},"protocol":"{{protocol}}"}]}""", address: "aws_security_group.web"));

    [Fact]
    public async Task Ssh_open_to_the_internet_fails()
    {
        var report = await AnalyzeAsync(SecurityGroup("0.0.0.0/0", 22, 22));

        Assert.Equal("aws_security_group.web allows ingress from 0.0.0.0/0 to 22 (SSH)", Assert.Single(report.Of("network_exposure")).Description);
    }

    [Fact]
    public async Task Https_open_to_the_internet_passes()
    {
        var report = await AnalyzeAsync(SecurityGroup("0.0.0.0/0", 443, 443));

        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Ssh_from_a_private_range_passes()
    {
        var report = await AnalyzeAsync(SecurityGroup("10.0.0.0/8", 22, 22));

        Assert.True(report.Passed);
    }

    [Fact]
    public async Task All_protocols_from_ipv6_anywhere_fail()
    {
        var json = Plan(Change("aws_security_group_rule", """["create"]""", """{"type":"ingress","cidr_blocks":null,"ipv6_cidr_blocks":["::/0"],"from_port":0,"to_port":0,"protocol":"-1"}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains("to all ports", Assert.Single(report.Of("network_exposure")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vpc_ingress_rule_to_postgres_fails()
    {
        var json = Plan(Change("aws_vpc_security_group_ingress_rule", """["create"]""", """{"cidr_ipv4":"0.0.0.0/0","from_port":5432,"to_port":5432,"ip_protocol":"tcp"}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains("5432 (PostgreSQL)", Assert.Single(report.Of("network_exposure")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azure_rdp_from_internet_fails_but_deny_passes()
    {
        var allow = Change("azurerm_network_security_rule", """["create"]""", """{"direction":"Inbound","access":"Allow","protocol":"Tcp","source_address_prefix":"Internet","destination_port_range":"3389"}""", address: "azurerm_network_security_rule.allow");
        var deny = Change("azurerm_network_security_rule", """["create"]""", """{"direction":"Inbound","access":"Deny","protocol":"Tcp","source_address_prefix":"*","destination_port_range":"*"}""", address: "azurerm_network_security_rule.deny");

        var report = await AnalyzeAsync(Plan(allow, deny));

        Assert.Equal(["azurerm_network_security_rule.allow"], report.Of("network_exposure").Select(f => f.Address));
    }

    [Fact]
    public async Task Azure_inline_rule_with_port_range_covering_ssh_fails()
    {
        var json = Plan(Change("azurerm_network_security_group", """["update"]""", """{"security_rule":[{"direction":"Inbound","access":"Allow","protocol":"*","source_address_prefix":"*","destination_port_ranges":["20-25"]}]}""", before: """{"security_rule":[]}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains("22 (SSH)", Assert.Single(report.Of("network_exposure")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Google_firewall_without_ports_opens_everything()
    {
        var json = Plan(Change("google_compute_firewall", """["create"]""", """{"direction":"INGRESS","source_ranges":["0.0.0.0/0"],"allow":[{"protocol":"tcp","ports":[]}]}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains("all ports", Assert.Single(report.Of("network_exposure")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Google_egress_firewall_passes()
    {
        var json = Plan(Change("google_compute_firewall", """["create"]""", """{"direction":"EGRESS","destination_ranges":["0.0.0.0/0"],"allow":[{"protocol":"all","ports":[]}]}"""));

        var report = await AnalyzeAsync(json);

        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Configured_ports_replace_the_defaults()
    {
        var report = await AnalyzeAsync(SecurityGroup("0.0.0.0/0", 8080, 8080), Policy("rules: { network_exposure: { ports: [8080] } }"));

        Assert.Contains("port 8080", Assert.Single(report.Of("network_exposure")).Description, StringComparison.Ordinal);
    }
}
