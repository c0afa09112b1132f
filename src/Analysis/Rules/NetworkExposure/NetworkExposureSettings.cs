using RunTasks.Analysis.Network;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.NetworkExposure;

/// <summary>Network exposure: ports that must not be reachable from the whole internet.</summary>
internal sealed class NetworkExposureSettings : RuleSettings
{
    /// <summary>Administrative and database ports; replaces the default list when given.</summary>
    public List<int>? Ports { get; set; }

    /// <summary>When true (default), a rule opening every port to the internet is reported too.</summary>
    public bool FlagAllPorts { get; set; } = true;

    /// <summary>Sources reaching a /N's worth of public IPv4 addresses (a /(N+24)'s worth of IPv6) are the internet; 8 by default.</summary>
    public int InternetPrefix { get; set; } = InternetSources.DefaultPrefix;
}
