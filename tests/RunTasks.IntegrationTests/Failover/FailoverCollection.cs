namespace RunTasks.IntegrationTests.Failover;

/// <summary>Chaos and silo-kill tests measure answer times on two shared cores: they run alone, after the other test classes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FailoverCollection
{
    public const string Name = "failover";
}
