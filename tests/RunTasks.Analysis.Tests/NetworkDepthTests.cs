using static RunTasks.Analysis.Tests.Plans;

namespace RunTasks.Analysis.Tests;

/// <summary>Sources judged as sets, public databases and public cluster endpoints (issue 12 §1, network).</summary>
public sealed class NetworkDepthTests
{
    private static string SshFrom(string cidrs, string ipv6 = "[]") =>
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
