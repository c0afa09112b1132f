namespace RunTasks.Api.Reports;

/// <summary>Settings under <c>RunTasks:Reports</c> for the history API: who may read it.</summary>
public sealed class ReportsOptions
{
    public const string Section = "RunTasks:Reports";

    /// <summary>The lowercase hex SHA-256 of each API token (<c>RunTasks.Api reports-token</c> prints a new one); never the tokens.</summary>
    public string[] ApiTokenHashes { get; set; } = [];
}
