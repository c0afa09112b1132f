using System.Globalization;
using System.Text;
using System.Threading.Channels;
using RunTasks.Grains.History;

namespace RunTasks.Api.Reports;

/// <summary>
/// The CSV exports: RFC 4180 (CRLF, a header row, a cell quoted when it holds a quote, comma or line break, quotes
/// doubled), streamed row by row. A text cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or
/// carriage return: resource addresses carry arbitrary for_each keys) is prefixed with an apostrophe.
/// </summary>
public static class HistoryCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly string[] RunHeader =
    [
        "task_result_id", "finished_at", "received_at", "organization", "project", "workspace", "workspace_id", "run_id", "stage",
        "verdict", "status", "message", "delivery", "watchdog", "enforcement_level", "speculative", "errors", "warnings", "infos",
        "waived", "omitted_findings", "new_findings", "fixed_findings", "plan_create", "plan_update", "plan_replace", "plan_destroy",
        "policy_sets", "vcs_repo_url", "vcs_branch", "vcs_commit_hash", "vcs_commit_url", "vcs_pull_request_url", "run_created_by",
        "run_message", "run_app_url",
    ];

    private static readonly string[] FindingHeader =
    [
        "finished_at", "task_result_id", "organization", "workspace", "stage", "rule_id", "severity", "address", "resource_type",
        "title", "waiver_id", "new", "first_seen_at",
    ];

    public static Task WriteRunsAsync(IAsyncEnumerable<RunRecord> runs, Stream output, CancellationToken cancellationToken) =>
        WriteAsync(runs, RunHeader, output, static (row, r) =>
        {
            Text(row, r.TaskResultId); Time(row, r.FinishedAt); Time(row, r.ReceivedAt); Text(row, r.Organization); Text(row, r.Project);
            Text(row, r.Workspace); Text(row, r.WorkspaceId); Text(row, r.RunId); Text(row, r.Stage); Text(row, HistoryText.Of(r.Verdict));
            Text(row, HistoryText.Of(r.Status)); Text(row, r.Message); Text(row, HistoryText.Of(r.Delivery)); Text(row, r.Watchdog);
            Text(row, r.EnforcementLevel); Text(row, r.IsSpeculative ? "true" : "false"); Number(row, r.Errors); Number(row, r.Warnings);
            Number(row, r.Infos); Number(row, r.Waived); Number(row, r.OmittedFindings); Number(row, r.NewFindings); Number(row, r.FixedFindings);
            Number(row, r.PlanCreate); Number(row, r.PlanUpdate); Number(row, r.PlanReplace); Number(row, r.PlanDestroy);
            Text(row, string.Join(';', r.PolicySets)); Text(row, r.VcsRepoUrl); Text(row, r.VcsBranch); Text(row, r.VcsCommitHash);
            Text(row, r.VcsCommitUrl); Text(row, r.VcsPullRequestUrl); Text(row, r.RunCreatedBy); Text(row, r.RunMessage); Text(row, r.RunAppUrl);
        }, cancellationToken);

    public static Task WriteFindingsAsync(IAsyncEnumerable<FindingRecord> findings, Stream output, CancellationToken cancellationToken) =>
        WriteAsync(findings, FindingHeader, output, static (row, f) =>
        {
            Time(row, f.FinishedAt); Text(row, f.TaskResultId); Text(row, f.Organization); Text(row, f.Workspace); Text(row, f.Stage);
            Text(row, f.RuleId); Text(row, HistoryText.Of(f.Severity)); Text(row, f.Address); Text(row, f.ResourceType); Text(row, f.Title);
            Text(row, f.WaiverId); Text(row, f.IsNew ? "true" : "false"); Time(row, f.FirstSeenAt);
        }, cancellationToken);

    /// <summary>One cell as written: neutralised if a spreadsheet would read it as a formula, quoted if RFC 4180 needs it.</summary>
    public static string Cell(string? value)
    {
        var row = new StringBuilder();
        Text(row, value);
        return row.ToString(0, row.Length - 1); // without the separator Text appends
    }

    private static async Task WriteAsync<T>(IAsyncEnumerable<T> rows, string[] header, Stream output, Action<StringBuilder, T> write, CancellationToken cancellationToken)
    {
        // The database is read on one thread while the rows are formatted and sent on another; the bounded queue between
        // them keeps memory flat whatever the period.
        var queue = Channel.CreateBounded<T>(new BoundedChannelOptions(1_024) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in rows.WithCancellation(stop.Token))
                {
                    await queue.Writer.WriteAsync(item, stop.Token);
                }

                queue.Writer.Complete();
            }
            catch (Exception e)
            {
                queue.Writer.Complete(e);
            }
        }, CancellationToken.None);

        try
        {
            await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
            var row = new StringBuilder(512);
            await writer.WriteAsync(string.Join(',', header) + "\r\n");
            await foreach (var item in queue.Reader.ReadAllAsync(cancellationToken))
            {
                row.Clear();
                write(row, item);
                row.Length--; // the last separator
                row.Append("\r\n");
                await writer.WriteAsync(row, cancellationToken);
            }

            await writer.FlushAsync(cancellationToken);
        }
        finally
        {
            await stop.CancelAsync(); // a client gone mid-way stops the read too
            await reading;
        }
    }

    private static void Number(StringBuilder row, int value) => row.Append(value.ToString(CultureInfo.InvariantCulture)).Append(',');

    private static void Time(StringBuilder row, DateTimeOffset value) => row.Append(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append(',');

    private static void Text(StringBuilder row, string? value)
    {
        if (value is { Length: > 0 })
        {
            var neutral = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
            if (neutral.AsSpan().IndexOfAny("\",\r\n") >= 0)
            {
                row.Append('"').Append(neutral.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                row.Append(neutral);
            }
        }

        row.Append(',');
    }
}
