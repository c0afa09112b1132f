using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace RunTasks.Grains.Hosting;

/// <summary>
/// Settings under <c>Orleans:Tls</c>: mutual TLS for silo-to-silo and gateway (client-to-silo) connections. Every silo
/// and the Api present a certificate issued by the cluster's CA and accept only peers whose certificate chains to it.
/// </summary>
public sealed class ClusterTlsOptions
{
    public const string Section = "Orleans:Tls";

    /// <summary>This process's certificate with its private key: a PFX/PKCS#12 file, or a PEM file (key inside or in <see cref="KeyPath"/>).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key when it is not inside <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The PFX password, or the password of an encrypted PEM key.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The cluster CA (PEM or DER): a peer is admitted only if its certificate chains to this exact CA.</summary>
    public string? CaPath { get; set; }

    /// <summary>Checks revocation of peer certificates (needs a CRL or OCSP endpoint in them that every node can reach).</summary>
    public bool CheckCertificateRevocation { get; set; }

    /// <summary>Explicit opt-out: a cluster without TLS, where anyone reaching a silo or gateway port controls the service.</summary>
    public bool AllowInsecure { get; set; }

    /// <summary>True when a certificate is configured, so TLS is on.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>
    /// Binds and validates the section at once: Orleans is configured before the service provider exists, so start-up
    /// must stop here with a message naming the keys.
    /// </summary>
    public static ClusterTlsOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<ClusterTlsOptions>() ?? new();
        var result = new ClusterTlsOptionsValidator().Validate(null, options);
        return result.Failed ? throw new OptionsValidationException(Section, typeof(ClusterTlsOptions), result.Failures) : options;
    }
}
