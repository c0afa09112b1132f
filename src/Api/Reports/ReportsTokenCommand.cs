namespace RunTasks.Api.Reports;

/// <summary><c>RunTasks.Api reports-token</c>: prints a new API token (give it to the machine) and its hash (put it in <c>RunTasks:Reports:ApiTokenHashes</c>).</summary>
public static class ReportsTokenCommand
{
    public static bool Matches(string[] args) => args is ["reports-token", ..];

    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var token = ApiTokens.Create();
        output.WriteLine($"token: {token}");
        output.WriteLine($"sha256: {ApiTokens.Hash(token)}");
        output.WriteLine("Give the token to the client (Authorization: Bearer …) and add the sha256 to RunTasks:Reports:ApiTokenHashes; RunTasks keeps only the hash.");
        return 0;
    }
}
