using Orleans.Connections.Security;
using RunTasks.Grains.Security;

namespace RunTasks.Grains.Hosting;

/// <summary>Mutual TLS between silos and between the Api and the gateways, from <see cref="ClusterTlsOptions"/>.</summary>
public static class ClusterTlsExtensions
{
    /// <summary>Silo-to-silo and gateway connections: this silo presents its certificate and requires one from every peer.</summary>
    public static ISiloBuilder UseRunTasksTls(this ISiloBuilder silo, ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Enabled ? silo.UseTls(tls => Apply(tls, options)) : silo;
    }

    /// <summary>The Api's gateway connections: it presents its certificate and accepts only a silo of the same CA.</summary>
    public static IClientBuilder UseRunTasksTls(this IClientBuilder client, ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Enabled ? client.UseTls(tls => Apply(tls, options)) : client;
    }

    private static void Apply(TlsOptions tls, ClusterTlsOptions options)
    {
        tls.LocalCertificate = CertificateFiles.LoadWithPrivateKey("Orleans:Tls:CertificatePath", options.CertificatePath!, options.KeyPath, options.CertificatePassword);
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.CheckCertificateRevocation = options.CheckCertificateRevocation;
        tls.RemoteCertificateValidation = new ClusterPeerValidator(
            CertificateFiles.LoadAuthorities("Orleans:Tls:CaPath", options.CaPath!), options.CheckCertificateRevocation).Validate;
    }
}
