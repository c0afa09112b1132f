namespace RunTasks.Hosting;

/// <summary>Settings under <c>Orleans</c>: identity and endpoints of this process in the cluster.</summary>
public sealed class OrleansSettings
{
    public const string Section = "Orleans";

    public string ClusterId { get; set; } = "runtasks";
    public string ServiceId { get; set; } = "runtasks";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
}
