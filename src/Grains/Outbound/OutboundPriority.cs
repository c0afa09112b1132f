namespace RunTasks.Grains.Outbound;

/// <summary>Which outbound request goes first when a host asks us to slow down: a final verdict never waits behind a heartbeat.</summary>
public enum OutboundPriority
{
    Final = 0,
    Progress = 1,
    Plan = 2,
    /// <summary>Not paced at all: the plan's redirect target is HCP's object store, another host with other limits.</summary>
    Unpaced = 3,
}
