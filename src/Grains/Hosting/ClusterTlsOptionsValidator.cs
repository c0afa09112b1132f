using Microsoft.Extensions.Options;

namespace RunTasks.Grains.Hosting;

/// <summary>Checks <see cref="ClusterTlsOptions"/>: a cluster runs with mutual TLS unless <c>Orleans:Tls:AllowInsecure</c> says otherwise.</summary>
public sealed class ClusterTlsOptionsValidator : IValidateOptions<ClusterTlsOptions>
{
    public const string Required =
        "Cluster mode needs TLS on the silo and gateway ports: set Orleans:Tls:CertificatePath (PFX, or PEM with Orleans:Tls:KeyPath) " +
        "and Orleans:Tls:CaPath (the cluster CA; scripts/certs.sh makes both), or Orleans:Tls:AllowInsecure=true to run without it.";

    public ValidateOptionsResult Validate(string? name, ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return options.AllowInsecure ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(Required);
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CaPath))
        {
            errors.Add("Orleans:Tls:CaPath is required with Orleans:Tls:CertificatePath: peers are admitted only if their certificate chains to this CA.");
        }

        foreach (var (key, path) in new[] { ("CertificatePath", options.CertificatePath), ("KeyPath", options.KeyPath), ("CaPath", options.CaPath) })
        {
            if (path is { Length: > 0 } && !File.Exists(path))
            {
                errors.Add($"Orleans:Tls:{key} '{path}' does not exist.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
