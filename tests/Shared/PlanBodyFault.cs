namespace RunTasks.Testing;

/// <summary>How the fake object store misbehaves while sending a plan body (it always announces the full Content-Length).</summary>
public enum PlanBodyFault
{
    /// <summary>Sends half the plan, then nothing, holding the connection open.</summary>
    Stall,

    /// <summary>Sends one byte every <see cref="FakeHcp.DripInterval"/>.</summary>
    Drip,

    /// <summary>Sends half the plan, then drops the connection.</summary>
    Truncate,
}
