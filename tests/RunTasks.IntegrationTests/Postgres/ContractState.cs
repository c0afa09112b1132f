namespace RunTasks.IntegrationTests.Postgres;

/// <summary>A grain state used only to round-trip through the ADO.NET grain storage.</summary>
public sealed class ContractState
{
    public string? Name { get; set; }

    public int Count { get; set; }
}
