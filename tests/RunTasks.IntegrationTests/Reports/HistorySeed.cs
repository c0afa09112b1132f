using Microsoft.Extensions.DependencyInjection;
using RunTasks.Grains.History;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.IntegrationTests.Reports;

/// <summary>Writes recorded runs straight into a running service's results store, as its recorder would.</summary>
internal static class HistorySeed
{
    /// <summary>Writes in the order the runs finished, as the recorder does (new and fixed compare with the run written before).</summary>
    public static async Task WriteAsync(IServiceProvider services, params HistoryEntry[] entries) =>
        await services.GetRequiredService<IHistoryStore>().WriteAsync([.. entries.OrderBy(e => e.Run.FinishedAt)], CancellationToken.None);

    public static HistoryEntry Run(
        string workspace, DateTimeOffset finishedAt, params RecordedFinding[] findings) => Run("acme", workspace, finishedAt, findings);

    public static HistoryEntry Run(string organization, string workspace, DateTimeOffset finishedAt, params RecordedFinding[] findings)
    {
        var failed = findings.Any(f => f.Severity == FindingSeverity.Error && f.WaiverId is null);
        return new HistoryEntry(
            new RunRecord
            {
                TaskResultId = "taskrs-" + Guid.NewGuid().ToString("N")[..16],
                Organization = organization,
                Project = "Platform",
                Workspace = workspace,
                WorkspaceId = "ws-" + workspace.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
                RunId = "run-" + Guid.NewGuid().ToString("N")[..12],
                Stage = "post_plan",
                EnforcementLevel = "mandatory",
                VcsRepoUrl = "https://github.com/acme/infra",
                VcsBranch = "main",
                ReceivedAt = finishedAt.AddSeconds(-5),
                FinishedAt = finishedAt,
                Verdict = failed ? HistoryVerdict.Failed : HistoryVerdict.Passed,
                Status = failed ? VerdictStatus.Failed : VerdictStatus.Passed,
                Message = failed ? "failed — errors found" : "passed",
                Delivery = HistoryDelivery.Accepted,
                Errors = findings.Count(f => f.Severity == FindingSeverity.Error && f.WaiverId is null),
                Warnings = findings.Count(f => f.Severity == FindingSeverity.Warning),
                Waived = findings.Count(f => f.WaiverId is not null),
                PlanCreate = 3,
                PolicySets = ["default"],
            },
            findings);
    }

    public static RecordedFinding Error(string rule, string address, string? waiver = null) =>
        new(rule, FindingSeverity.Error, address, address.Split('.')[0], $"{rule} on {address}", waiver);
}
