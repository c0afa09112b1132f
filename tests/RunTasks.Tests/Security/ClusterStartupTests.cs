using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunTasks.Grains.Hosting;
using RunTasks.Testing;

namespace RunTasks.Tests.Security;

/// <summary>Cluster mode (ConnectionStrings:RunTasks set) does not start with open gateways or a plain-text key ring unless told to.</summary>
public sealed class ClusterStartupTests
{
    private const string Database = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none";

    [Fact]
    public async Task Cluster_api_without_tls_refuses_to_start_naming_the_settings()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RunTasks"] = Database,
            ["Orleans:Tls:AllowInsecure"] = "false",
        }));

        Assert.Contains("Orleans:Tls:CertificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains("Orleans:Tls:AllowInsecure=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_api_without_key_ring_protection_refuses_to_start_naming_the_settings()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RunTasks"] = Database,
            ["DataProtection:AllowUnprotectedKeys"] = "false",
        }));

        Assert.Contains("DataProtection:CertificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains("DataProtection:AllowUnprotectedKeys=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_certificate_without_its_ca_is_refused_naming_the_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ClusterTlsOptions.Read(Config(("Orleans:Tls:CertificatePath", TestCertificates.Cluster.NodePfxPath))));

        Assert.Contains("Orleans:Tls:CaPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_opt_out_lets_a_cluster_run_without_tls()
    {
        Assert.False(ClusterTlsOptions.Read(Config(("Orleans:Tls:AllowInsecure", "true"))).Enabled);
    }

    [Fact]
    public async Task Cluster_running_with_both_opt_outs_warns_once_for_each()
    {
        var logs = new CapturedLogs();
        var configuration = Config(("ConnectionStrings:RunTasks", Database), ("Orleans:Tls:AllowInsecure", "true"), ("DataProtection:AllowUnprotectedKeys", "true"));

        await new ClusterSecurityWarnings(configuration, new LoggerFactory([logs]).CreateLogger<ClusterSecurityWarnings>()).StartAsync(CancellationToken.None);

        Assert.Contains("Warning", logs.Text, StringComparison.Ordinal);
        Assert.Contains("Orleans:Tls:AllowInsecure=true", logs.Text, StringComparison.Ordinal);
        Assert.Contains("DataProtection:AllowUnprotectedKeys=true", logs.Text, StringComparison.Ordinal);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
