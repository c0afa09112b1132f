using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace RunTasks.Grains.Hosting;

/// <summary>
/// Defaults every RunTasks process starts from, below appsettings, environment and command line (which override them):
/// one log line per event, and no per-request lines from Polly, HttpClient, ASP.NET Core or Orleans unless asked for.
/// </summary>
public static class ConfigurationDefaults
{
    public static readonly IReadOnlyDictionary<string, string?> Values = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Extensions.Http"] = "Warning",
        ["Logging:LogLevel:System.Net.Http"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:Console:FormatterName"] = "simple",
        ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ ",
        ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
    };

    /// <summary>Adds <see cref="Values"/> as the lowest-priority configuration source.</summary>
    public static IConfigurationManager AddRunTasksConfigurationDefaults(this IConfigurationManager configuration)
    {
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Values });
        return configuration;
    }
}
