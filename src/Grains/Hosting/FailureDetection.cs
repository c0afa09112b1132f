using Orleans.Configuration;

namespace RunTasks.Grains.Hosting;

/// <summary>
/// How fast the cluster notices a dead silo, shared by silos and the Api's client. Orleans' defaults suit large
/// clusters on uneven networks (probes time out after 5 s, adapting up to 20 s; membership is re-read once a minute);
/// RunTasks answers HCP Terraform's deadlines, so it trades some tolerance of long GC pauses and CPU starvation for a
/// failover within about ten seconds. docs/operations.md gives the figures and the trade-off.
/// </summary>
public static class FailureDetection
{
    /// <summary>Initial probe timeout; Orleans adapts it per peer between half and <see cref="MaxProbeTimeout"/>.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Caps the adaptive timeout, so a slow peer is still suspected within seconds.</summary>
    public static readonly TimeSpan MaxProbeTimeout = TimeSpan.FromSeconds(4);

    public const int NumMissedProbesLimit = 3;

    /// <summary>How often silos re-read the membership table (they also learn changes by gossip at once).</summary>
    public static readonly TimeSpan TableRefreshTimeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Old suspicions must not add up to a death declaration long after a short stall.</summary>
    public static readonly TimeSpan DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How often the Api's client re-reads the gateway list from the membership table.</summary>
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);

    /// <summary>A grain call to a dead silo fails after this instead of Orleans' 30 s.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Long enough for a silo under load to deactivate its grains (each saves its state) and hand over reminders.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(45);

    public static void Apply(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = ProbeTimeout;
        o.MaxProbeTimeout = MaxProbeTimeout;
        o.NumMissedProbesLimit = NumMissedProbesLimit;
        o.TableRefreshTimeout = TableRefreshTimeout;
        o.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout;
        o.DeathVoteExpirationTimeout = DeathVoteExpirationTimeout;
    }
}
