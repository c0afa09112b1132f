using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using RunTasks.Grains.Security;
using RunTasks.Testing;

namespace RunTasks.Tests.Security;

public sealed class ClusterPeerValidatorTests
{
    private static readonly ClusterPeerValidator Cluster =
        new(CertificateFiles.LoadAuthorities("Orleans:Tls:CaPath", TestCertificates.Cluster.CaPath), checkRevocation: false);

    [Fact]
    public void Certificate_issued_by_the_cluster_ca_is_admitted()
    {
        using var node = X509CertificateLoader.LoadCertificateFromFile(TestCertificates.Cluster.NodeCertificatePath);

        Assert.True(Cluster.Validate(node, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Certificate_of_another_ca_is_refused()
    {
        using var stranger = X509CertificateLoader.LoadCertificateFromFile(TestCertificates.Create("stranger-ca").NodeCertificatePath);

        Assert.False(Cluster.Validate(stranger, null, SslPolicyErrors.None));
    }

    [Fact]
    public void Pem_pair_and_pfx_load_the_same_certificate_with_its_key()
    {
        using var pem = CertificateFiles.LoadWithPrivateKey("Orleans:Tls:CertificatePath", TestCertificates.Cluster.NodeCertificatePath, TestCertificates.Cluster.NodeKeyPath, null);
        using var pfx = CertificateFiles.LoadWithPrivateKey("Orleans:Tls:CertificatePath", TestCertificates.Cluster.NodePfxPath, null, null);

        Assert.True(pem.HasPrivateKey);
        Assert.Equal(pfx.Thumbprint, pem.Thumbprint);
    }

    [Fact]
    public void Certificate_without_its_private_key_is_refused_naming_the_setting()
    {
        var error = Assert.ThrowsAny<Exception>(() =>
            CertificateFiles.LoadWithPrivateKey("DataProtection:CertificatePath", TestCertificates.Cluster.CaPath, null, null));

        Assert.Contains("DataProtection:CertificatePath", error.Message, StringComparison.Ordinal);
    }
}
