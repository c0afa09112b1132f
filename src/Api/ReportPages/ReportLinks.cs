namespace RunTasks.Api.ReportPages;

/// <summary>Where the report pages live, each path segment escaped (organisation and workspace names are recorded text).</summary>
/// <param name="ReachableHere">True when the pages answer on the public port (sign-in configured, or Development on one port), so the details page may link to them.</param>
public sealed record ReportLinks(bool ReachableHere)
{
    internal static string Run(string taskResultId) => $"{ReportsAccess.BasePath}/runs/{Uri.EscapeDataString(taskResultId)}";

    internal static string Workspace(string? organization, string? workspace) =>
        $"{ReportsAccess.BasePath}/workspaces/{Uri.EscapeDataString(organization ?? "-")}/{Uri.EscapeDataString(workspace ?? "-")}";

    internal static string RunsWithRule(string ruleId) => $"{ReportsAccess.BasePath}/runs?verdict=failed&rule={Uri.EscapeDataString(ruleId)}";
}
