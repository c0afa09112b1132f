using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunTasks.Grains.Security;

namespace RunTasks.Grains.Hosting;

public static class KeyRingServiceCollectionExtensions
{
    /// <summary>
    /// Every silo must read tokens any other silo or the Api stored: the key ring lives in a shared directory or in
    /// PostgreSQL, and every process uses the same application name.
    /// </summary>
    public static IServiceCollection AddRunTasksKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("RunTasks");
        var connectionString = configuration.GetConnectionString(OrleansOptions.ConnectionStringName);
        if (KeyRingOptions.Read(configuration).KeysPath is { Length: > 0 } path)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(path));
        }
        else if (connectionString is not null)
        {
            services.Configure<KeyManagementOptions>(o => o.XmlRepository = new PostgresXmlRepository(connectionString));
        }

        return services;
    }
}
