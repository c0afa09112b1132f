using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunTasks.Grains.Security;

namespace RunTasks.Grains.Hosting;

public static class KeyRingServiceCollectionExtensions
{
    /// <summary>
    /// Every silo must read tokens any other silo or the Api stored: the key ring lives in a shared directory or in
    /// PostgreSQL, and every process uses the same application name. Each key is stored encrypted with a certificate
    /// kept outside the database, so a copy of the database yields no usable key.
    /// </summary>
    public static IServiceCollection AddRunTasksKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("RunTasks");
        var connectionString = configuration.GetConnectionString(OrleansOptions.ConnectionStringName);
        var options = KeyRingOptions.Read(configuration);
        if (options.KeysPath is { Length: > 0 } path)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(path));
        }
        else if (connectionString is not null)
        {
            services.Configure<KeyManagementOptions>(o => o.XmlRepository = new PostgresXmlRepository(connectionString));
        }

        if (options.CertificatePath is { Length: > 0 } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(
                CertificateFiles.LoadWithPrivateKey("DataProtection:CertificatePath", certificate, options.KeyPath, options.CertificatePassword));
            var previous = options.PreviousCertificatePaths
                .Select((p, i) => CertificateFiles.LoadWithPrivateKey($"DataProtection:PreviousCertificatePaths:{i}", p, null, options.CertificatePassword))
                .ToArray();
            if (previous.Length > 0)
            {
                dataProtection.UnprotectKeysWithAnyCertificate(previous);
            }
        }
        else if (connectionString is not null && !options.AllowUnprotectedKeys)
        {
            throw new OptionsValidationException(KeyRingOptions.Section, typeof(KeyRingOptions), [KeyRingOptions.ProtectionRequired]);
        }

        return services;
    }
}
