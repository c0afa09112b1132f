namespace RunTasks.Hosting;

/// <summary>Settings under <c>Orleans</c>: identity and endpoints of this process in the cluster.</summary>
public sealed class OrleansSettings
{
    public const string Section = "Orleans";

    /// <summary>The connection string that switches from embedded mode to the PostgreSQL cluster.</summary>
    public const string ConnectionStringName = "RunTasks";

    public string ClusterId { get; set; } = "runtasks";
    public string ServiceId { get; set; } = "runtasks";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo on; unset means this host's own address.</summary>
    public string? AdvertisedIP { get; set; }

    public string? SiloName { get; set; }
}
