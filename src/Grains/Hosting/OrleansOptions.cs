using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace RunTasks.Grains.Hosting;

/// <summary>Settings under <c>Orleans</c>: identity and endpoints of this process in the cluster.</summary>
public sealed class OrleansOptions
{
    public const string Section = "Orleans";

    /// <summary>The connection string that switches from embedded mode to the PostgreSQL cluster.</summary>
    public const string ConnectionStringName = "RunTasks";

    /// <summary>The ADO.NET invariant of PostgreSQL, for clustering, grain storage and reminders alike.</summary>
    public const string AdoNetInvariant = "Npgsql";

    public string ClusterId { get; set; } = "runtasks";
    public string ServiceId { get; set; } = "runtasks";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo on; unset means this host's own address.</summary>
    public string? AdvertisedIP { get; set; }

    public string? SiloName { get; set; }

    /// <summary>Apply the PostgreSQL schema when a silo starts (else run <c>RunTasks.Silo migrate</c>).</summary>
    public bool MigrateOnStart { get; set; }

    public void ApplyTo(ClusterOptions cluster)
    {
        cluster.ClusterId = ClusterId;
        cluster.ServiceId = ServiceId;
    }

    /// <summary>
    /// Binds and validates the section at once: Orleans is configured before the service provider exists, so a bad value
    /// must stop start-up here, with a message naming its key, rather than fail later as a bare FormatException.
    /// </summary>
    public static OrleansOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<OrleansOptions>() ?? new();
        var result = new OrleansOptionsValidator().Validate(null, options);
        return result.Failed ? throw new OptionsValidationException(Section, typeof(OrleansOptions), result.Failures) : options;
    }
}
