using Orleans.Configuration;
using Orleans.Dashboard;
using RunTasks.Grains.Hosting;

namespace RunTasks.Api.Hosting;

public static class ClusterClientExtensions
{
    /// <summary>
    /// Cluster mode: the Api is an Orleans client that finds the silos' gateways in the PostgreSQL membership table,
    /// notices a dead gateway within seconds, and gives up on a call to a dead silo after <see cref="FailureDetection.ResponseTimeout"/>.
    /// It talks to the gateways over mutual TLS (<c>Orleans:Tls</c>).
    /// </summary>
    public static WebApplicationBuilder UseClusterClient(this WebApplicationBuilder builder, OrleansOptions orleans, string connectionString)
    {
        var tls = ClusterTlsOptions.Read(builder.Configuration);
        ClusterSecurityWarnings.Register(builder.Services);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(orleans.ApplyTo);
            client.UseRunTasksTls(tls);
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = OrleansOptions.AdoNetInvariant;
                o.ConnectionString = connectionString;
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = FailureDetection.GatewayListRefreshPeriod);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = FailureDetection.ResponseTimeout);
            client.AddDashboard();
            client.AddActivityPropagation();
        });
        return builder;
    }
}
