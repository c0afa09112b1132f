using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace RunTasks.Grains.Hosting;

/// <summary>Settings under <c>DataProtection</c>: where the key ring that protects stored tokens and signs details links lives, and what encrypts it.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    public const string ProtectionRequired =
        "Cluster mode keeps the Data Protection key ring beside the tokens it encrypts: set DataProtection:CertificatePath " +
        "(an RSA certificate with its private key, the same on every process; scripts/certs.sh makes one) so the keys are stored encrypted, " +
        "or DataProtection:AllowUnprotectedKeys=true to store them in plain text.";

    /// <summary>A directory shared by every process; unset means PostgreSQL in cluster mode, the user profile in embedded mode.</summary>
    public string? KeysPath { get; set; }

    /// <summary>The certificate whose key encrypts each stored key (PFX, or PEM with <see cref="KeyPath"/>); it lives outside the database.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key when it is not inside <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Earlier certificates (PFX or PEM with the key inside) still needed to read keys they encrypted, after a rotation.</summary>
    public string[] PreviousCertificatePaths { get; set; } = [];

    /// <summary>Explicit opt-out in cluster mode: anyone who can read the key store can decrypt every stored token.</summary>
    public bool AllowUnprotectedKeys { get; set; }

    /// <summary>Read when the services are registered; a relative path would mean a different ring per working directory.</summary>
    public static KeyRingOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<KeyRingOptions>() ?? new();
        var errors = new List<string>();
        foreach (var (key, path) in new[] { ("KeysPath", options.KeysPath), ("CertificatePath", options.CertificatePath), ("KeyPath", options.KeyPath) })
        {
            if (path is { Length: > 0 } && !Path.IsPathFullyQualified(path))
            {
                errors.Add($"DataProtection:{key} '{path}' must be an absolute path.");
            }
        }

        return errors.Count > 0 ? throw new OptionsValidationException(Section, typeof(KeyRingOptions), errors) : options;
    }
}
