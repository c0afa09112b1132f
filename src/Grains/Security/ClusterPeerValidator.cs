using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace RunTasks.Grains.Security;

/// <summary>
/// Admits a silo or client of the cluster: its certificate must chain to one of the configured cluster CAs (pinned by
/// their exact bytes), never to a CA the operating system trusts. Host names are not checked: silos are addressed by IP.
/// </summary>
public sealed class ClusterPeerValidator(X509Certificate2Collection authorities, bool checkRevocation)
{
    public bool Validate(X509Certificate2 certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = checkRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            // Intermediates the peer sent; trust still has to end at a configured CA.
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (!chain.Build(certificate))
        {
            return false;
        }

        var root = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
        return authorities.Any(a => a.RawDataMemory.Span.SequenceEqual(root.RawDataMemory.Span));
    }
}
