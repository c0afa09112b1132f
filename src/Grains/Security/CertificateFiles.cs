using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RunTasks.Grains.Security;

/// <summary>Loads certificates named in settings: PFX/PKCS#12, or PEM with the key inside or beside it; errors name the setting, never the password.</summary>
public static class CertificateFiles
{
    /// <param name="setting">The configuration key of <paramref name="path"/>, for the error message.</param>
    public static X509Certificate2 LoadWithPrivateKey(string setting, string path, string? keyPath, string? password)
    {
        try
        {
            var extension = Path.GetExtension(path);
            if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
            {
                return Require(setting, path, X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet));
            }

            using var pem = string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPemFile(path, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
            // A PEM key is ephemeral; a PKCS#12 round trip gives a certificate every TLS and XML-encryption API accepts.
            return Require(setting, path, X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet));
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"{setting} '{path}' could not be read as a certificate with its private key: {ex.Message}", ex);
        }
    }

    /// <summary>One or more CA certificates (PEM bundle, or a single DER certificate).</summary>
    public static X509Certificate2Collection LoadAuthorities(string setting, string path)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            var text = File.ReadAllText(path);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                authorities.ImportFromPem(text);
            }
            else
            {
                authorities.Add(X509CertificateLoader.LoadCertificateFromFile(path));
            }
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"{setting} '{path}' could not be read as a CA certificate: {ex.Message}", ex);
        }

        return authorities.Count > 0 ? authorities : throw new InvalidOperationException($"{setting} '{path}' holds no certificate.");
    }

    private static X509Certificate2 Require(string setting, string path, X509Certificate2 certificate) =>
        certificate.HasPrivateKey ? certificate : throw new InvalidOperationException($"{setting} '{path}' has no private key.");
}
