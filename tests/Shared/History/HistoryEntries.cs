using RunTasks.Grains.History;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Tests.HistoryContract;

/// <summary>History entries for tests: one run of a workspace at a time, with the findings given as "rule@address".</summary>
public static class HistoryEntries
{
    public static readonly DateTimeOffset Start = new(2026, 9, 1, 12, 0, 0, TimeSpan.Zero);

    public static HistoryEntry Run(string id, string workspace, DateTimeOffset finishedAt, params string[] findings) =>
        Run(id, workspace, finishedAt, HistoryVerdict.Failed, findings);

    public static HistoryEntry Run(string id, string workspace, DateTimeOffset finishedAt, HistoryVerdict verdict, params string[] findings)
    {
        var recorded = findings.Select(Finding).ToList();
        return new HistoryEntry(new RunRecord
        {
            TaskResultId = id,
            Organization = "acme",
            Project = "platform",
            Workspace = workspace,
            WorkspaceId = "ws-" + workspace,
            RunId = "run-" + id,
            Stage = "post_plan",
            ReceivedAt = finishedAt.AddSeconds(-5),
            FinishedAt = finishedAt,
            Verdict = verdict,
            Status = verdict == HistoryVerdict.Passed ? VerdictStatus.Passed : VerdictStatus.Failed,
            Message = verdict.ToString(),
            Delivery = HistoryDelivery.Accepted,
            VcsRepoUrl = "https://github.com/acme/" + workspace,
            VcsBranch = "main",
            Errors = recorded.Count(f => f.Severity == FindingSeverity.Error),
            Waived = recorded.Count(f => f.WaiverId is not null),
            PolicySets = ["baseline"],
        }, recorded);
    }

    /// <summary>"rule@address", "rule@address!waiver" for a waived one, "rule@address~warning" for a warning.</summary>
    public static RecordedFinding Finding(string text)
    {
        var waiver = text.Split('!') is [var w0, var w1] ? (text = w0, w1).w1 : null;
        var severity = text.EndsWith("~warning", StringComparison.Ordinal) ? FindingSeverity.Warning : FindingSeverity.Error;
        text = text.Replace("~warning", "", StringComparison.Ordinal);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var address = text[(at + 1)..];
        return new RecordedFinding(text[..at], severity, address, HistoryEntryBuilder.ResourceTypeOf(address), $"{text[..at]} on {address}", waiver);
    }
}
