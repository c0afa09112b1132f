using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RunTasks.Grains.Hosting;

/// <summary>One warning at start-up for each protection a cluster process was told to run without.</summary>
public sealed partial class ClusterSecurityWarnings(IConfiguration configuration, ILogger<ClusterSecurityWarnings> logger) : IHostedService
{
    /// <summary>Registered by the silo, the Api's client and the key ring alike; it runs once per process.</summary>
    public static void Register(IServiceCollection services) =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ClusterSecurityWarnings>());

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetConnectionString(OrleansOptions.ConnectionStringName) is null)
        {
            return Task.CompletedTask;
        }

        if (!ClusterTlsOptions.Read(configuration).Enabled)
        {
            LogInsecureTransport(logger);
        }

        if (configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() is not { CertificatePath.Length: > 0 })
        {
            LogUnprotectedKeys(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orleans:Tls:AllowInsecure=true: the silo and gateway ports run without TLS, and any client that reaches them can read task results and report verdicts.")]
    private static partial void LogInsecureTransport(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DataProtection:AllowUnprotectedKeys=true: the key ring is stored in plain text, so whoever reads it can decrypt every stored access token.")]
    private static partial void LogUnprotectedKeys(ILogger logger);
}
