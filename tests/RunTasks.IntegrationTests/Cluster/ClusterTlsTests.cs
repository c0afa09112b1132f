using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Runtime.Messaging;
using RunTasks.Grains.Hosting;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Security;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Cluster;

/// <summary>
/// A silo process with production defaults: only a peer holding a certificate of the cluster CA reaches its gateway or
/// silo port. The attacker knows the cluster and service ids and the connection string, as in issue 18.
/// </summary>
public sealed class ClusterTlsTests(SecuredSiloFixture fixture) : IClassFixture<SecuredSiloFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    /// <summary>The probe checks it reached a silo of this cluster, so "answered" means the silo admitted it.</summary>
    private static readonly ClusterPeerValidator SiloCertificate =
        new(CertificateFiles.LoadAuthorities("ca", TestCertificates.Cluster.CaPath), checkRevocation: false);

    [Fact]
    public async Task Client_with_a_certificate_of_the_cluster_ca_calls_a_grain()
    {
        var snapshot = await CallThroughGatewayAsync(c => c.UseRunTasksTls(new ClusterTlsOptions
        {
            CertificatePath = TestCertificates.Cluster.NodePfxPath,
            CaPath = TestCertificates.Cluster.CaPath,
        }));

        Assert.Null(snapshot); // answered: no such task result
    }

    [Fact]
    public async Task Client_without_tls_is_refused_by_the_gateway()
    {
        await AssertRefusedAsync(() => CallThroughGatewayAsync(_ => { }));
    }

    [Fact]
    public async Task Client_with_tls_but_no_certificate_is_refused_by_the_gateway()
    {
        await AssertRefusedAsync(() => CallThroughGatewayAsync(c => c.UseTls(tls =>
        {
            tls.ClientCertificateMode = RemoteCertificateMode.NoCertificate;
            tls.AllowAnyRemoteCertificate();
        })));
    }

    [Fact]
    public async Task Client_with_a_certificate_of_another_ca_is_refused_by_the_gateway()
    {
        var stranger = TestCertificates.Create("stranger-ca");

        await AssertRefusedAsync(() => CallThroughGatewayAsync(c => c.UseTls(
            X509CertificateLoader.LoadPkcs12FromFile(stranger.NodePfxPath, null),
            tls => tls.AllowAnyRemoteCertificate())));
    }

    [Fact]
    public async Task Silo_port_answers_a_peer_with_a_certificate_of_the_cluster_ca()
    {
        Assert.False(await RefusesAsync(fixture.Silo.SiloPort, TestCertificates.Cluster.NodePfxPath));
    }

    [Fact]
    public async Task Silo_port_refuses_a_peer_without_a_certificate()
    {
        Assert.True(await RefusesAsync(fixture.Silo.SiloPort, certificatePath: null));
    }

    [Fact]
    public async Task Silo_port_refuses_a_peer_with_a_certificate_of_another_ca()
    {
        Assert.True(await RefusesAsync(fixture.Silo.SiloPort, TestCertificates.Create("stranger-ca").NodePfxPath));
    }

    /// <summary>The gateway closed the connection: the client could not connect (not a slow answer, not a grain's error).</summary>
    private static async Task AssertRefusedAsync(Func<Task> call)
    {
        await Assert.ThrowsAsync<ConnectionFailedException>(call);
    }

    /// <summary>An Orleans client that finds the gateway in the membership table, as the attacker's 30-line client did.</summary>
    private async Task<TaskResultSnapshot?> CallThroughGatewayAsync(Action<IClientBuilder> security)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("runtasks", "runtasks"));
            client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (OrleansOptions.AdoNetInvariant, fixture.ConnectionString));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false)); // a refused connection fails the start, no retries
            security(client);
        });
        using var host = builder.Build();
        try
        {
            await host.StartAsync().WaitAsync(Bound);
            return await host.Services.GetRequiredService<IClusterClient>().GetGrain<ITaskResultGrain>("taskrs-tls-probe").GetSnapshot().WaitAsync(Bound);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// A TLS connection to a port: refused when the handshake fails or the silo hangs up; answered when the silo sends
    /// its Orleans preamble, as it does to every peer it admits.
    /// </summary>
    private static async Task<bool> RefusesAsync(int port, string? certificatePath)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                certificate is X509Certificate2 silo && SiloCertificate.Validate(silo, chain, errors),
            ClientCertificates = certificatePath is null ? null : [X509CertificateLoader.LoadPkcs12FromFile(certificatePath, null)],
        };
        try
        {
            await tls.AuthenticateAsClientAsync(options).WaitAsync(Bound);
            return await tls.ReadAsync(new byte[64]).AsTask().WaitAsync(Bound) == 0;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            return true;
        }
    }
}
