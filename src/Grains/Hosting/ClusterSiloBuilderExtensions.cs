using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace RunTasks.Grains.Hosting;

public static class ClusterSiloBuilderExtensions
{
    /// <summary>
    /// A silo of the production cluster: identity and endpoints from <c>Orleans:*</c>, state in PostgreSQL, mutual TLS on
    /// the silo and gateway ports (they listen on every interface and would otherwise obey any client).
    /// </summary>
    public static ISiloBuilder AddRunTasksClusterSilo(this ISiloBuilder silo, IConfiguration configuration, string connectionString)
    {
        var settings = OrleansOptions.Read(configuration);
        var tls = ClusterTlsOptions.Read(configuration);
        silo.Configure<ClusterOptions>(settings.ApplyTo);
        if (settings.SiloName is { Length: > 0 } name)
        {
            silo.Configure<SiloOptions>(o => o.SiloName = name);
        }

        silo.ConfigureEndpoints(AdvertisedAddress(settings), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
        silo.UseRunTasksTls(tls);
        ClusterSecurityWarnings.Register(silo.Services);
        silo.UseRunTasksPostgres(connectionString);
        silo.AddRunTasksGrains(configuration);
        silo.AddDashboard();
        silo.Configure<ClusterMembershipOptions>(FailureDetection.Apply);
        silo.Services.Configure<HostOptions>(o => o.ShutdownTimeout = FailureDetection.ShutdownTimeout);
        silo.AddRunTasksInboxPump(connectionString);
        return silo;
    }

    /// <summary>The configured address, else this host's first IPv4 address (a container's own), else loopback.</summary>
    private static IPAddress AdvertisedAddress(OrleansOptions settings)
    {
        if (settings.AdvertisedIP is { Length: > 0 } configured)
        {
            return IPAddress.Parse(configured);
        }

        try
        {
            return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
                ?? IPAddress.Loopback;
        }
        catch (SocketException)
        {
            return IPAddress.Loopback;
        }
    }
}
