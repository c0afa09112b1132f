namespace RunTasks.Api.ReportPages;

/// <summary>Where the report pages live, each path segment escaped (organisation and workspace names are recorded text).</summary>
internal static class ReportLinks
{
    public static string Run(string taskResultId) => $"{ReportsAccess.BasePath}/runs/{Uri.EscapeDataString(taskResultId)}";

    public static string Workspace(string? organization, string? workspace) =>
        $"{ReportsAccess.BasePath}/workspaces/{Uri.EscapeDataString(organization ?? "-")}/{Uri.EscapeDataString(workspace ?? "-")}";

    public static string RunsWithRule(string ruleId) => $"{ReportsAccess.BasePath}/runs?verdict=failed&rule={Uri.EscapeDataString(ruleId)}";
}
