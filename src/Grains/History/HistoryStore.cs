using System.Data.Common;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.History;

/// <summary>
/// The results store on PostgreSQL or SQLite: one set of SQL texts (times in Unix ms, flags 0/1), globs matched the
/// way each database does. New and fixed findings are computed when a run is written, against the same workspace's
/// latest earlier checked run of the same stage (errored runs judged nothing, so they are neither compared nor compared with).
/// </summary>
/// <param name="owned">Disposed with the store (the PostgreSQL data source it created).</param>
public sealed partial class HistoryStore(HistoryDatabase database, Func<CancellationToken, ValueTask<DbConnection>> connect, IAsyncDisposable? owned = null)
    : IHistoryStore, IAsyncDisposable
{
    private const int FindingRowsPerInsert = 50;
    private const long DayMs = 86_400_000;

    private readonly HistoryDatabase _database = database;
    private readonly Func<CancellationToken, ValueTask<DbConnection>> _connect = connect;

    /// <summary>Cluster mode: the cluster's database, through a data source this store owns.</summary>
    public static HistoryStore ForPostgres(string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        return new HistoryStore(HistoryDatabase.PostgreSql, async ct => await dataSource.OpenConnectionAsync(ct), dataSource);
    }

    /// <summary>A SQLite file whose connections <paramref name="connect"/> opens (the data file's, with its pragmas).</summary>
    public static HistoryStore ForSqlite(Func<SqliteConnection> connect) =>
        new(HistoryDatabase.Sqlite, _ => ValueTask.FromResult<DbConnection>(connect()));

    public async Task<IReadOnlyList<HistoryEntry>> WriteAsync(IReadOnlyList<HistoryEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await using var connection = await _connect(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var written = new List<HistoryEntry>();
        foreach (var entry in entries)
        {
            if (await WriteAsync(connection, transaction, entry, cancellationToken))
            {
                written.Add(entry);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private static async Task<bool> WriteAsync(DbConnection connection, DbTransaction transaction, HistoryEntry entry, CancellationToken ct)
    {
        var run = entry.Run;
        var finishedAt = run.FinishedAt.ToUnixTimeMilliseconds();
        await using (var exists = HistoryCommands.Create(connection, "SELECT count(*) FROM runtasks_history_runs WHERE task_result_id = @id", transaction))
        {
            HistoryCommands.Add(exists, "@id", run.TaskResultId);
            if (await HistoryCommands.ScalarAsync(exists, ct) > 0)
            {
                return false;
            }
        }

        var key = WorkspaceKey(run);
        var previous = run.Verdict == HistoryVerdict.Errored ? null : await PreviousAsync(connection, transaction, key, run, finishedAt, ct);
        var earlier = previous is null ? [] : await PreviousFindingsAsync(connection, transaction, previous, ct);
        var current = entry.Findings.Select(f => (f.RuleId, f.Address)).ToHashSet();
        var checkedRun = run.Verdict != HistoryVerdict.Errored;
        var rows = entry.Findings.Select(f =>
        {
            var seen = earlier.TryGetValue((f.RuleId, f.Address), out var first);
            return (Finding: f, IsNew: checkedRun && !seen, FirstSeen: seen ? first : finishedAt);
        }).ToList();
        var fixedCount = earlier.Keys.Count(k => !current.Contains(k));
        var newCount = rows.Count(r => r.IsNew);

        await using (var insert = HistoryCommands.Create(connection, InsertRun, transaction))
        {
            BindRun(insert, run, key, finishedAt, newCount, fixedCount, previous);
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                return false; // another silo recorded it between our check and our insert
            }
        }

        var failed = run.Verdict == HistoryVerdict.Failed;
        for (var start = 0; start < rows.Count; start += FindingRowsPerInsert)
        {
            var chunk = rows.Skip(start).Take(FindingRowsPerInsert).ToList();
            var sql = new StringBuilder("INSERT INTO runtasks_history_findings (task_result_id, ordinal, finished_at, run_failed, rule_id, severity, address, resource_type, title, waiver_id, is_new, first_seen_at) VALUES ");
            await using var command = HistoryCommands.Create(connection, "", transaction);
            HistoryCommands.Add(command, "@id", run.TaskResultId);
            HistoryCommands.Add(command, "@finished", finishedAt);
            HistoryCommands.Add(command, "@failed", failed);
            for (var i = 0; i < chunk.Count; i++)
            {
                var (finding, isNew, firstSeen) = chunk[i];
                var p = "@f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_";
                sql.Append(i == 0 ? "" : ", ")
                    .Append($"(@id, {p}o, @finished, @failed, {p}rule, {p}sev, {p}addr, {p}type, {p}title, {p}waiver, {p}new, {p}first)");
                HistoryCommands.Add(command, p + "o", start + i);
                HistoryCommands.Add(command, p + "rule", finding.RuleId);
                HistoryCommands.Add(command, p + "sev", HistoryText.Of(finding.Severity));
                HistoryCommands.Add(command, p + "addr", finding.Address);
                HistoryCommands.Add(command, p + "type", finding.ResourceType);
                HistoryCommands.Add(command, p + "title", finding.Title);
                HistoryCommands.Add(command, p + "waiver", finding.WaiverId);
                HistoryCommands.Add(command, p + "new", isNew);
                HistoryCommands.Add(command, p + "first", firstSeen);
            }

            command.CommandText = sql.Append(" ON CONFLICT DO NOTHING").ToString();
            await command.ExecuteNonQueryAsync(ct);
        }

        await AddToDaysAsync(connection, transaction, run, finishedAt, fixedCount, rows.Select(r => (r.Finding, r.IsNew)).ToList(), ct);
        return true;
    }

    /// <summary>Adds the run to its day's totals: one row for its workspace, one per rule it has findings of.</summary>
    private static async Task AddToDaysAsync(DbConnection connection, DbTransaction transaction, RunRecord run, long finishedAt, int fixedCount,
        List<(RecordedFinding Finding, bool IsNew)> findings, CancellationToken ct)
    {
        var day = finishedAt / DayMs;
        var organization = run.Organization ?? "";
        await using (var workspace = HistoryCommands.Create(connection, """
            INSERT INTO runtasks_history_workspace_days (day, organization, workspace, runs, passed, failed, errored, fixed_findings)
            VALUES (@day, @organization, @workspace, 1, @passed, @failed, @errored, @fixed)
            ON CONFLICT (day, organization, workspace) DO UPDATE SET
                runs = runtasks_history_workspace_days.runs + 1,
                passed = runtasks_history_workspace_days.passed + excluded.passed,
                failed = runtasks_history_workspace_days.failed + excluded.failed,
                errored = runtasks_history_workspace_days.errored + excluded.errored,
                fixed_findings = runtasks_history_workspace_days.fixed_findings + excluded.fixed_findings
            """, transaction))
        {
            HistoryCommands.Add(workspace, "@day", day);
            HistoryCommands.Add(workspace, "@organization", organization);
            HistoryCommands.Add(workspace, "@workspace", run.Workspace ?? "");
            HistoryCommands.Add(workspace, "@passed", run.Verdict == HistoryVerdict.Passed);
            HistoryCommands.Add(workspace, "@failed", run.Verdict == HistoryVerdict.Failed);
            HistoryCommands.Add(workspace, "@errored", run.Verdict == HistoryVerdict.Errored);
            HistoryCommands.Add(workspace, "@fixed", fixedCount);
            await workspace.ExecuteNonQueryAsync(ct);
        }

        var failed = run.Verdict == HistoryVerdict.Failed;
        foreach (var rule in findings.GroupBy(f => f.Finding.RuleId, StringComparer.Ordinal))
        {
            var failing = failed ? rule.Count(f => f.Finding.Severity == FindingSeverity.Error && f.Finding.WaiverId is null) : 0;
            var waived = rule.Count(f => f.Finding.WaiverId is not null);
            var fresh = rule.Count(f => f.IsNew);
            if (failing == 0 && waived == 0 && fresh == 0)
            {
                continue;
            }

            await using var command = HistoryCommands.Create(connection, """
                INSERT INTO runtasks_history_rule_days (day, organization, rule_id, failing_runs, failing_findings, waived_runs, waived_findings, new_findings)
                VALUES (@day, @organization, @rule, @failing_runs, @failing, @waived_runs, @waived, @new)
                ON CONFLICT (day, organization, rule_id) DO UPDATE SET
                    failing_runs = runtasks_history_rule_days.failing_runs + excluded.failing_runs,
                    failing_findings = runtasks_history_rule_days.failing_findings + excluded.failing_findings,
                    waived_runs = runtasks_history_rule_days.waived_runs + excluded.waived_runs,
                    waived_findings = runtasks_history_rule_days.waived_findings + excluded.waived_findings,
                    new_findings = runtasks_history_rule_days.new_findings + excluded.new_findings
                """, transaction);
            HistoryCommands.Add(command, "@day", day);
            HistoryCommands.Add(command, "@organization", organization);
            HistoryCommands.Add(command, "@rule", rule.Key);
            HistoryCommands.Add(command, "@failing_runs", failing > 0);
            HistoryCommands.Add(command, "@failing", failing);
            HistoryCommands.Add(command, "@waived_runs", waived > 0);
            HistoryCommands.Add(command, "@waived", waived);
            HistoryCommands.Add(command, "@new", fresh);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The workspace's identity across renames when HCP Terraform sent its id; its names otherwise.</summary>
    private static string WorkspaceKey(RunRecord run) => run.WorkspaceId ?? $"{run.Organization}/{run.Workspace}";

    private static async Task<string?> PreviousAsync(DbConnection connection, DbTransaction transaction, string key, RunRecord run, long finishedAt, CancellationToken ct)
    {
        const string sql = """
            SELECT task_result_id FROM runtasks_history_runs
            WHERE workspace_key = @key AND stage = @stage AND verdict <> 'errored'
              AND (finished_at < @finished OR (finished_at = @finished AND task_result_id < @id))
            ORDER BY finished_at DESC, task_result_id DESC
            LIMIT 1
            """;
        await using var command = HistoryCommands.Create(connection, sql, transaction);
        HistoryCommands.Add(command, "@key", key);
        HistoryCommands.Add(command, "@stage", run.Stage);
        HistoryCommands.Add(command, "@finished", finishedAt);
        HistoryCommands.Add(command, "@id", run.TaskResultId);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>The previous run's findings by (rule, address), each with the time it was first seen.</summary>
    private static async Task<Dictionary<(string, string), long>> PreviousFindingsAsync(DbConnection connection, DbTransaction transaction, string previous, CancellationToken ct)
    {
        await using var command = HistoryCommands.Create(connection,
            "SELECT rule_id, address, min(first_seen_at) FROM runtasks_history_findings WHERE task_result_id = @id GROUP BY rule_id, address", transaction);
        HistoryCommands.Add(command, "@id", previous);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new Dictionary<(string, string), long>();
        while (await reader.ReadAsync(ct))
        {
            found[(reader.GetString(0), reader.GetString(1))] = HistoryRows.Long(reader, 2);
        }

        return found;
    }

    private const string InsertRun = """
        INSERT INTO runtasks_history_runs (task_result_id, organization, project, workspace, workspace_id, workspace_key, run_id, stage,
            enforcement_level, speculative, vcs_repo_url, vcs_branch, vcs_commit_hash, vcs_commit_url, vcs_pull_request_url, run_created_by,
            run_message, run_app_url, received_at, finished_at, verdict, status, message, delivery, watchdog, errors, warnings, infos, waived,
            omitted, plan_create, plan_update, plan_replace, plan_destroy, policy_sets, new_findings, fixed_findings, previous_id)
        VALUES (@id, @organization, @project, @workspace, @workspace_id, @workspace_key, @run_id, @stage,
            @enforcement_level, @speculative, @vcs_repo_url, @vcs_branch, @vcs_commit_hash, @vcs_commit_url, @vcs_pull_request_url, @run_created_by,
            @run_message, @run_app_url, @received_at, @finished_at, @verdict, @status, @message, @delivery, @watchdog, @errors, @warnings, @infos, @waived,
            @omitted, @plan_create, @plan_update, @plan_replace, @plan_destroy, @policy_sets, @new_findings, @fixed_findings, @previous_id)
        ON CONFLICT (task_result_id) DO NOTHING
        """;

    private static void BindRun(DbCommand command, RunRecord run, string key, long finishedAt, int newCount, int fixedCount, string? previous)
    {
        void Add(string name, object? value) => HistoryCommands.Add(command, "@" + name, value);
        Add("id", run.TaskResultId);
        Add("organization", run.Organization);
        Add("project", run.Project);
        Add("workspace", run.Workspace);
        Add("workspace_id", run.WorkspaceId);
        Add("workspace_key", key);
        Add("run_id", run.RunId);
        Add("stage", run.Stage);
        Add("enforcement_level", run.EnforcementLevel);
        Add("speculative", run.IsSpeculative);
        Add("vcs_repo_url", run.VcsRepoUrl);
        Add("vcs_branch", run.VcsBranch);
        Add("vcs_commit_hash", run.VcsCommitHash);
        Add("vcs_commit_url", run.VcsCommitUrl);
        Add("vcs_pull_request_url", run.VcsPullRequestUrl);
        Add("run_created_by", run.RunCreatedBy);
        Add("run_message", run.RunMessage);
        Add("run_app_url", run.RunAppUrl);
        Add("received_at", run.ReceivedAt.ToUnixTimeMilliseconds());
        Add("finished_at", finishedAt);
        Add("verdict", HistoryText.Of(run.Verdict));
        Add("status", HistoryText.Of(run.Status));
        Add("message", run.Message);
        Add("delivery", HistoryText.Of(run.Delivery));
        Add("watchdog", run.Watchdog);
        Add("errors", run.Errors);
        Add("warnings", run.Warnings);
        Add("infos", run.Infos);
        Add("waived", run.Waived);
        Add("omitted", run.OmittedFindings);
        Add("plan_create", run.PlanCreate);
        Add("plan_update", run.PlanUpdate);
        Add("plan_replace", run.PlanReplace);
        Add("plan_destroy", run.PlanDestroy);
        Add("policy_sets", JsonSerializer.Serialize(run.PolicySets));
        Add("new_findings", newCount);
        Add("fixed_findings", fixedCount);
        Add("previous_id", previous);
    }

    public async Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _connect(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<string>();
        await using (var select = HistoryCommands.Create(connection,
            "SELECT task_result_id FROM runtasks_history_runs WHERE finished_at < @cutoff ORDER BY finished_at LIMIT @limit", transaction))
        {
            HistoryCommands.Add(select, "@cutoff", cutoff.ToUnixTimeMilliseconds());
            HistoryCommands.Add(select, "@limit", limit);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetString(0));
            }
        }

        if (ids.Count == 0)
        {
            return 0;
        }

        var conditions = new HistoryConditions(_database);
        var list = string.Join(", ", ids.Select(id => conditions.Parameter(id)));
        foreach (var table in new[] { "runtasks_history_findings", "runtasks_history_runs" })
        {
            await using var delete = HistoryCommands.Create(connection, $"DELETE FROM {table} WHERE task_result_id IN ({list})", transaction);
            conditions.Bind(delete);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        // Day totals go by whole days: those of days wholly before the cutoff.
        foreach (var table in new[] { "runtasks_history_workspace_days", "runtasks_history_rule_days" })
        {
            await using var delete = HistoryCommands.Create(connection, $"DELETE FROM {table} WHERE day < @day", transaction);
            HistoryCommands.Add(delete, "@day", cutoff.ToUnixTimeMilliseconds() / DayMs);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }

    public async ValueTask DisposeAsync()
    {
        if (owned is not null)
        {
            await owned.DisposeAsync();
        }
    }
}
