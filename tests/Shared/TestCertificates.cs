using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RunTasks.Testing;

/// <summary>
/// Certificates made in the test, as scripts/certs.sh makes them for a deployment: a cluster CA, a node certificate it
/// issued (mutual TLS between silos and the Api), and a certificate that encrypts the Data Protection key ring.
/// </summary>
public sealed class TestCertificates
{
    private static readonly Lazy<TestCertificates> Shared = new(() => Create("runtasks-test-ca"));

    private TestCertificates(string directory) => Directory = directory;

    /// <summary>The certificates every cluster test shares (made once per test process).</summary>
    public static TestCertificates Cluster => Shared.Value;

    public string Directory { get; }
    public string CaPath => Path.Combine(Directory, "ca.crt");
    public string NodeCertificatePath => Path.Combine(Directory, "node.crt");
    public string NodeKeyPath => Path.Combine(Directory, "node.key");
    public string NodePfxPath => Path.Combine(Directory, "node.pfx");
    public string KeyRingPfxPath => Path.Combine(Directory, "keyring.pfx");

    /// <summary>A CA of its own with its own node certificate: a stranger to any other set.</summary>
    public static TestCertificates Create(string caName)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("runtasks-certs-").FullName;
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        File.WriteAllText(Path.Combine(directory, "ca.crt"), ca.ExportCertificatePem());

        using var nodeKey = RSA.Create(2048);
        var nodeRequest = new CertificateRequest("CN=runtasks-node", nodeKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        nodeRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        nodeRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        nodeRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        san.AddDnsName("localhost");
        nodeRequest.CertificateExtensions.Add(san.Build());
        using var issued = nodeRequest.Create(ca, now.AddDays(-1), now.AddMonths(6), RandomNumberGenerator.GetBytes(16));
        using var node = issued.CopyWithPrivateKey(nodeKey);
        File.WriteAllText(Path.Combine(directory, "node.crt"), node.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "node.key"), nodeKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(Path.Combine(directory, "node.pfx"), node.Export(X509ContentType.Pkcs12));

        using var ringKey = RSA.Create(2048);
        var ringRequest = new CertificateRequest("CN=runtasks-keyring", ringKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var ring = ringRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        File.WriteAllBytes(Path.Combine(directory, "keyring.pfx"), ring.Export(X509ContentType.Pkcs12));
        return new TestCertificates(directory);
    }

    /// <summary>Mutual TLS and key-ring protection settings for a silo or the Api in cluster mode.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Orleans:Tls:CertificatePath"] = NodeCertificatePath,
        ["Orleans:Tls:KeyPath"] = NodeKeyPath,
        ["Orleans:Tls:CaPath"] = CaPath,
        ["DataProtection:CertificatePath"] = KeyRingPfxPath,
    };

    /// <summary>
    /// Cluster mode refuses to start without TLS and key-ring protection: a test that configures neither gets these;
    /// one that sets a certificate or an opt-out itself (to test without them) keeps its own.
    /// </summary>
    public static void AddClusterDefaults(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.ContainsKey("ConnectionStrings:RunTasks"))
        {
            return;
        }

        var defaults = Cluster.Settings();
        foreach (var section in new[] { "Orleans:Tls:", "DataProtection:" })
        {
            string[] chosen = [section + "CertificatePath", section + "AllowInsecure", section + "AllowUnprotectedKeys"];
            if (!chosen.Any(settings.ContainsKey))
            {
                foreach (var (key, value) in defaults.Where(d => d.Key.StartsWith(section, StringComparison.Ordinal)))
                {
                    settings[key] = value;
                }
            }
        }
    }
}
