using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Cluster;

/// <summary>
/// Settings of silos and the Api in the cluster tests: production deadlines would not fit a test, so they are shortened
/// but left long enough for a failover; the reminder period (how soon a dead silo's task results resume) is the default 5 s.
/// </summary>
public static class ClusterSettings
{
    public static Dictionary<string, string?> For(FakeHcp hcp)
    {
        var settings = ApiHost.FastSettings(hcp);
        settings["RunTasks:Deadlines:Progress"] = "00:01:30";
        settings["RunTasks:Deadlines:Total"] = "00:03:00";
        settings["RunTasks:Deadlines:Heartbeat"] = "00:00:20";
        settings["RunTasks:Deadlines:AnalysisLease"] = "00:00:06";
        settings["Logging:LogLevel:RunTasks"] = "Warning";
        settings["Logging:LogLevel:System.Net.Http"] = "Warning";
        return settings;
    }
}
