using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Rules.NetworkExposure;

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

    internal static string SshFrom(string cidrs, string ipv6 = "[]") =>
        Plan(Change("aws_security_group_rule", """["create"]""", $$"""{"type":"ingress","cidr_blocks":{{cidrs}},"ipv6_cidr_blocks":{{ipv6}},"from_port":22,"to_port":22,"protocol":"tcp"}"""));

    [Fact]
    public async Task Two_halves_of_the_IPv4_space_are_the_internet()
    {
        var report = await AnalyzeAsync(SshFrom("""["0.0.0.0/1","128.0.0.0/1"]"""));

        Assert.Contains("from 0.0.0.0/1, 128.0.0.0/1 (together all IPv4 addresses) to 22 (SSH)", Assert.Single(report.Of("network_exposure")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IPv6_ranges_covering_the_whole_space_are_the_internet()
    {
        var report = await AnalyzeAsync(SshFrom("[]", """["::/1","8000::/1"]"""));

        Assert.Contains("(together all IPv6 addresses)", Assert.Single(report.Of("network_exposure")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Private_ranges_are_not_the_internet()
    {
        var report = await AnalyzeAsync(SshFrom("""["10.0.0.0/8","172.16.0.0/12","192.168.0.0/16"]"""));

        Assert.Empty(report.Of("network_exposure"));
    }

    [Fact]
    public async Task Google_firewall_with_split_ranges_is_exposed()
    {
        var json = Plan(Change("google_compute_firewall", """["create"]""", """{"direction":"INGRESS","source_ranges":["0.0.0.0/2","64.0.0.0/2","128.0.0.0/1"],"allow":[{"protocol":"tcp","ports":["3389"]}]}"""));

        var report = await AnalyzeAsync(json);

        Assert.Single(report.Of("network_exposure"));
    }

    [Theory]
    [InlineData("aws_db_instance")]
    [InlineData("aws_rds_cluster_instance")]
    [InlineData("aws_redshift_cluster")]
    public async Task Publicly_accessible_database_is_exposure(string type)
    {
        var json = Plan(Change(type, """["create"]""", """{"publicly_accessible":true,"storage_encrypted":true,"encrypted":true}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains("has a public endpoint (publicly_accessible = true)", Assert.Single(report.Of("network_exposure")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Private_database_is_not_exposure()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_db_instance", """["create"]""", """{"publicly_accessible":false,"storage_encrypted":true}""")));

        Assert.Empty(report.Of("network_exposure"));
    }

    [Fact]
    public async Task Eks_public_endpoint_open_to_the_internet_is_exposure()
    {
        var json = Plan(Change("aws_eks_cluster", """["create"]""", """{"vpc_config":[{"endpoint_public_access":true,"endpoint_private_access":false,"public_access_cidrs":["0.0.0.0/0"]}]}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains("exposes its Kubernetes API endpoint to 0.0.0.0/0", Assert.Single(report.Of("network_exposure")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eks_public_endpoint_limited_to_an_office_is_not_exposure()
    {
        var json = Plan(Change("aws_eks_cluster", """["create"]""", """{"vpc_config":[{"endpoint_public_access":true,"public_access_cidrs":["203.0.113.0/24"]}]}"""));

        var report = await AnalyzeAsync(json);

        Assert.Empty(report.Of("network_exposure"));
    }

    [Fact]
    public async Task Gke_without_private_endpoint_or_authorized_networks_is_exposure()
    {
        var json = Plan(Change("google_container_cluster", """["create"]""", """{"private_cluster_config":[],"master_authorized_networks_config":[]}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains("exposes its control plane endpoint to the internet", Assert.Single(report.Of("network_exposure")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gke_with_private_endpoint_is_not_exposure()
    {
        var json = Plan(Change("google_container_cluster", """["create"]""", """{"private_cluster_config":[{"enable_private_endpoint":true}],"master_authorized_networks_config":[]}"""));

        var report = await AnalyzeAsync(json);

        Assert.Empty(report.Of("network_exposure"));
    }

    [Fact]
    public async Task Aks_without_authorized_ranges_or_private_cluster_is_exposure()
    {
        var json = Plan(Change("azurerm_kubernetes_cluster", """["create"]""", """{"private_cluster_enabled":false,"api_server_access_profile":[]}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains("exposes its Kubernetes API server to the internet", Assert.Single(report.Of("network_exposure")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aks_with_authorized_ranges_is_not_exposure()
    {
        var json = Plan(Change("azurerm_kubernetes_cluster", """["create"]""", """{"private_cluster_enabled":false,"api_server_access_profile":[{"authorized_ip_ranges":["198.51.100.0/24"]}]}"""));

        var report = await AnalyzeAsync(json);

        Assert.Empty(report.Of("network_exposure"));
    }

    [Fact]
    public async Task Aks_with_legacy_authorized_ranges_is_not_exposure()
    {
        var json = Plan(Change("azurerm_kubernetes_cluster", """["create"]""", """{"private_cluster_enabled":false,"api_server_authorized_ip_ranges":["198.51.100.0/24"]}"""));

        var report = await AnalyzeAsync(json);

        Assert.Empty(report.Of("network_exposure"));
    }

    [Fact]
    public async Task Cloud_sql_open_to_the_internet_is_exposure()
    {
        var json = Plan(Change("google_sql_database_instance", """["create"]""", """{"settings":[{"ip_configuration":[{"ipv4_enabled":true,"authorized_networks":[{"name":"all","value":"0.0.0.0/0"}]}]}]}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains("accepts database connections from 0.0.0.0/0", Assert.Single(report.Of("network_exposure")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cloud_sql_with_an_office_network_is_not_exposure()
    {
        var json = Plan(Change("google_sql_database_instance", """["create"]""", """{"settings":[{"ip_configuration":[{"ipv4_enabled":true,"authorized_networks":[{"name":"office","value":"203.0.113.10/32"}]}]}]}"""));

        var report = await AnalyzeAsync(json);

        Assert.Empty(report.Of("network_exposure"));
    }

    [Fact]
    public async Task Internet_prefix_sets_how_many_public_addresses_are_the_internet()
    {
        var policy = Policy("""
            builtin_rules: false
            rules: {network_exposure: {internet_prefix: 16}}
            """);

        var report = await AnalyzeAsync(SshFrom("""["8.8.0.0/16"]"""), policy);

        Assert.Contains("from 8.8.0.0/16 (65,536 public IPv4 addresses) to 22 (SSH)", Assert.Single(report.Of("network_exposure")).Description, StringComparison.Ordinal);
    }
}
