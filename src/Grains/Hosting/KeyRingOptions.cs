using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace RunTasks.Grains.Hosting;

/// <summary>Settings under <c>DataProtection</c>: where the key ring that protects stored tokens and signs details links lives.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>A directory shared by every process; unset means PostgreSQL in cluster mode, the user profile in embedded mode.</summary>
    public string? KeysPath { get; set; }

    /// <summary>Read when the services are registered; a relative path would mean a different ring per working directory.</summary>
    public static KeyRingOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<KeyRingOptions>() ?? new();
        return options.KeysPath is { Length: > 0 } path && !Path.IsPathFullyQualified(path)
            ? throw new OptionsValidationException(Section, typeof(KeyRingOptions), [$"DataProtection:KeysPath '{path}' must be an absolute path."])
            : options;
    }
}
