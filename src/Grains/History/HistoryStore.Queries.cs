using System.Data.Common;
using System.Runtime.CompilerServices;

namespace RunTasks.Grains.History;

public sealed partial class HistoryStore
{
    private const int WorkspaceRuns = 200;
    private const string Runs = "runtasks_history_runs";
    private const string Findings = "runtasks_history_findings";

    public async Task<HistoryPage<RunRecord>> ListRunsAsync(HistoryFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        var limit = page.EffectiveLimit;
        var where = RunConditions(filter);
        if (page.Cursor is { } cursor)
        {
            var after = HistoryCursor.Decode(cursor);
            var t = where.Parameter(after.FinishedAt);
            var id = where.Parameter(after.TaskResultId);
            where.Add($"(r.finished_at < {t} OR (r.finished_at = {t} AND r.task_result_id < {id}))");
        }

        var sql = $"SELECT {HistoryRows.RunColumns} FROM {Runs} r {where.Where} ORDER BY r.finished_at DESC, r.task_result_id DESC LIMIT {where.Parameter(limit + 1)}";
        var items = await ReadAsync(sql, where, HistoryRows.Run, cancellationToken);
        return Page(items, limit, r => new HistoryCursor(r.FinishedAt.ToUnixTimeMilliseconds(), r.TaskResultId, 0));
    }

    public async Task<RunDetail?> GetRunAsync(string taskResultId, CancellationToken cancellationToken)
    {
        var where = new HistoryConditions(_database);
        where.Equal("r.task_result_id", taskResultId);
        var runs = await ReadAsync($"SELECT {HistoryRows.RunColumns} FROM {Runs} r {where.Where}", where, HistoryRows.Run, cancellationToken);
        if (runs.Count == 0)
        {
            return null;
        }

        var findings = new HistoryConditions(_database);
        findings.Equal("f.task_result_id", taskResultId);
        var list = await ReadAsync($"SELECT {HistoryRows.FindingColumns} FROM {Findings} f JOIN {Runs} r ON r.task_result_id = f.task_result_id {findings.Where} ORDER BY f.ordinal",
            findings, HistoryRows.Finding, cancellationToken);
        var fixedWhere = new HistoryConditions(_database);
        fixedWhere.Equal("r.task_result_id", taskResultId);
        var fixedList = await ReadAsync(FixedSql(fixedWhere, limit: null), fixedWhere, FixedRow, cancellationToken);
        return new RunDetail(runs[0], list, fixedList);
    }

    public async Task<HistoryPage<FindingRecord>> ListFindingsAsync(HistoryFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        var limit = page.EffectiveLimit;
        var where = FindingConditions(filter);
        if (page.Cursor is { } cursor)
        {
            var after = HistoryCursor.Decode(cursor);
            var t = where.Parameter(after.FinishedAt);
            var id = where.Parameter(after.TaskResultId);
            var o = where.Parameter(after.Ordinal);
            where.Add($"(f.finished_at < {t} OR (f.finished_at = {t} AND (f.task_result_id < {id} OR (f.task_result_id = {id} AND f.ordinal > {o}))))");
        }

        var sql = $"SELECT {HistoryRows.FindingColumns} FROM {Findings} f JOIN {Runs} r ON r.task_result_id = f.task_result_id {where.Where} " +
            $"ORDER BY f.finished_at DESC, f.task_result_id DESC, f.ordinal LIMIT {where.Parameter(limit + 1)}";
        var items = await ReadAsync(sql, where, HistoryRows.Finding, cancellationToken);
        return Page(items, limit, f => new HistoryCursor(f.FinishedAt.ToUnixTimeMilliseconds(), f.TaskResultId, f.Ordinal));
    }

    public async IAsyncEnumerable<RunRecord> StreamRunsAsync(HistoryFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = RunConditions(filter);
        var sql = $"SELECT {HistoryRows.RunColumns} FROM {Runs} r {where.Where} ORDER BY r.finished_at, r.task_result_id";
        await foreach (var run in StreamAsync(sql, where, HistoryRows.Run, cancellationToken))
        {
            yield return run;
        }
    }

    public async IAsyncEnumerable<FindingRecord> StreamFindingsAsync(HistoryFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = FindingConditions(filter);
        var sql = $"SELECT {HistoryRows.FindingColumns} FROM {Findings} f JOIN {Runs} r ON r.task_result_id = f.task_result_id {where.Where} " +
            "ORDER BY f.finished_at, f.task_result_id, f.ordinal";
        await foreach (var finding in StreamAsync(sql, where, HistoryRows.Finding, cancellationToken))
        {
            yield return finding;
        }
    }

    public async Task<HistorySummary> GetSummaryAsync(HistoryFilter filter, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.From is not { } from || filter.To is not { } to)
        {
            throw new ArgumentException("A summary needs a period: From and To.", nameof(filter));
        }

        top = Math.Clamp(top, 1, 100);
        var latestNew = await ListFindingsAsync(filter with { NewOnly = true }, new PageRequest(null, top), cancellationToken);
        var latestFixedWhere = RunConditions(filter);
        latestFixedWhere.Add("r.fixed_findings > 0");
        var latestFixed = await ReadAsync(FixedSql(latestFixedWhere, top), latestFixedWhere, FixedRow, cancellationToken);
        if (IsWholeDays(filter))
        {
            return await SummaryFromDaysAsync(filter, from, to, top, latestNew.Items, latestFixed, cancellationToken);
        }

        var days = await DaysAsync(RunConditions(filter), cancellationToken);

        // Rule counts over the failing runs' error findings that no waiver accepted: what made the runs fail.
        var failing = FindingScope(filter, out var failingWhere);
        failingWhere.Add("f.run_failed = 1 AND f.severity = 'error' AND f.waiver_id IS NULL");
        var topRules = await ReadAsync(
            $"SELECT f.rule_id, count(DISTINCT f.task_result_id) AS runs, count(*) AS findings FROM {failing} {failingWhere.Where} " +
            $"GROUP BY f.rule_id ORDER BY runs DESC, findings DESC, f.rule_id LIMIT {failingWhere.Parameter(top)}",
            failingWhere, RuleRow, cancellationToken);

        var workspaces = RunConditions(filter);
        var topWorkspaces = await ReadAsync(
            "SELECT r.organization, r.workspace, sum(CASE WHEN r.verdict = 'failed' THEN 1 ELSE 0 END) AS failed, count(*) AS runs " +
            $"FROM {Runs} r {workspaces.Where} GROUP BY r.organization, r.workspace " +
            $"HAVING sum(CASE WHEN r.verdict = 'failed' THEN 1 ELSE 0 END) > 0 ORDER BY failed DESC, runs DESC, r.organization, r.workspace LIMIT {workspaces.Parameter(top)}",
            workspaces, row => new WorkspaceCount(HistoryRows.Text(row, 0), HistoryRows.Text(row, 1), HistoryRows.Int(row, 2), HistoryRows.Int(row, 3)), cancellationToken);

        var fresh = FindingScope(filter, out var freshWhere);
        freshWhere.Add("f.is_new = 1");
        var newCount = await CountAsync($"SELECT count(*) FROM {fresh} {freshWhere.Where}", freshWhere, cancellationToken);

        var fixedWhere = RunConditions(filter);
        var fixedCount = await CountAsync($"SELECT sum(r.fixed_findings) FROM {Runs} r {fixedWhere.Where}", fixedWhere, cancellationToken);

        var waived = FindingScope(filter, out var waivedWhere);
        waivedWhere.Add("f.waiver_id IS NOT NULL");
        var waivedByRule = await ReadAsync(
            $"SELECT f.rule_id, count(DISTINCT f.task_result_id) AS runs, count(*) AS findings FROM {waived} {waivedWhere.Where} " +
            "GROUP BY f.rule_id ORDER BY findings DESC, runs DESC, f.rule_id",
            waivedWhere, RuleRow, cancellationToken);

        return new HistorySummary(from, to, FillDays(days, from, to), topRules, topWorkspaces, (int)newCount, latestNew.Items,
            (int)fixedCount, latestFixed, waivedByRule);
    }

    /// <summary>Whole UTC days filtered at most by organisation: the day totals answer, the same as the runs and findings would.</summary>
    private static bool IsWholeDays(HistoryFilter filter) =>
        filter.From is { } from && filter.To is { } to
        && from.ToUnixTimeMilliseconds() % DayMs == 0 && to.ToUnixTimeMilliseconds() % DayMs == 0
        && filter with { Organization = null, From = null, To = null } == HistoryFilter.All;

    private async Task<HistorySummary> SummaryFromDaysAsync(HistoryFilter filter, DateTimeOffset from, DateTimeOffset to, int top,
        IReadOnlyList<FindingRecord> latestNew, IReadOnlyList<FixedFinding> latestFixed, CancellationToken cancellationToken)
    {
        HistoryConditions Period()
        {
            var where = new HistoryConditions(_database);
            where.Add($"d.day >= {where.Parameter(from.ToUnixTimeMilliseconds() / DayMs)}");
            where.Add($"d.day < {where.Parameter(to.ToUnixTimeMilliseconds() / DayMs)}");
            where.Equal("d.organization", filter.Organization);
            return where;
        }

        var daysWhere = Period();
        var days = await ReadAsync(
            $"SELECT d.day, sum(d.runs), sum(d.passed), sum(d.failed), sum(d.errored) FROM runtasks_history_workspace_days d {daysWhere.Where} GROUP BY d.day",
            daysWhere,
            row => new DayCount(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(HistoryRows.Long(row, 0) * DayMs).UtcDateTime),
                HistoryRows.Int(row, 1), HistoryRows.Int(row, 2), HistoryRows.Int(row, 3), HistoryRows.Int(row, 4)),
            cancellationToken);
        var workspacesWhere = Period();
        var topWorkspaces = await ReadAsync(
            $"SELECT d.organization, d.workspace, sum(d.failed) AS failed, sum(d.runs) AS runs FROM runtasks_history_workspace_days d {workspacesWhere.Where} " +
            $"GROUP BY d.organization, d.workspace HAVING sum(d.failed) > 0 ORDER BY failed DESC, runs DESC, d.organization, d.workspace LIMIT {workspacesWhere.Parameter(top)}",
            workspacesWhere, row => new WorkspaceCount(Blank(HistoryRows.Text(row, 0)), Blank(HistoryRows.Text(row, 1)), HistoryRows.Int(row, 2), HistoryRows.Int(row, 3)),
            cancellationToken);
        var fixedWhere = Period();
        var fixedCount = await CountAsync($"SELECT sum(d.fixed_findings) FROM runtasks_history_workspace_days d {fixedWhere.Where}", fixedWhere, cancellationToken);
        var rulesWhere = Period();
        var topRules = await ReadAsync(
            $"SELECT d.rule_id, sum(d.failing_runs) AS runs, sum(d.failing_findings) AS findings FROM runtasks_history_rule_days d {rulesWhere.Where} " +
            $"GROUP BY d.rule_id HAVING sum(d.failing_runs) > 0 ORDER BY runs DESC, findings DESC, d.rule_id LIMIT {rulesWhere.Parameter(top)}",
            rulesWhere, RuleRow, cancellationToken);
        var waivedWhere = Period();
        var waivedByRule = await ReadAsync(
            $"SELECT d.rule_id, sum(d.waived_runs) AS runs, sum(d.waived_findings) AS findings FROM runtasks_history_rule_days d {waivedWhere.Where} " +
            "GROUP BY d.rule_id HAVING sum(d.waived_findings) > 0 ORDER BY findings DESC, runs DESC, d.rule_id",
            waivedWhere, RuleRow, cancellationToken);
        var newWhere = Period();
        var newCount = await CountAsync($"SELECT sum(d.new_findings) FROM runtasks_history_rule_days d {newWhere.Where}", newWhere, cancellationToken);
        return new HistorySummary(from, to, FillDays(days, from, to), topRules, topWorkspaces, (int)newCount, latestNew,
            (int)fixedCount, latestFixed, waivedByRule);
    }

    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;

    public async Task<WorkspaceHistory?> GetWorkspaceAsync(string organization, string workspace, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var named = new HistoryConditions(_database);
        named.Equal("r.organization", organization);
        named.Equal("r.workspace", workspace);
        var latest = await ReadAsync($"SELECT {HistoryRows.RunColumns} FROM {Runs} r {named.Where} ORDER BY r.finished_at DESC, r.task_result_id DESC LIMIT 1",
            named, HistoryRows.Run, cancellationToken);
        if (latest.Count == 0)
        {
            return null;
        }

        var period = new HistoryFilter { Organization = organization, Workspace = workspace, From = since, To = until };
        var days = await DaysAsync(RunConditions(period), cancellationToken);
        var runs = await ListRunsAsync(period, new PageRequest(null, WorkspaceRuns), cancellationToken);

        // Open: the findings of the latest checked run of each stage, whenever it was.
        var open = new HistoryConditions(_database);
        var o = open.Parameter(organization);
        var w = open.Parameter(workspace);
        var openFindings = await ReadAsync(
            $"SELECT {HistoryRows.FindingColumns} FROM {Findings} f JOIN {Runs} r ON r.task_result_id = f.task_result_id " +
            $"WHERE r.task_result_id IN (SELECT (SELECT l.task_result_id FROM {Runs} l WHERE l.organization = {o} AND l.workspace = {w} AND l.stage = s.stage AND l.verdict <> 'errored' " +
            $"ORDER BY l.finished_at DESC, l.task_result_id DESC LIMIT 1) FROM (SELECT DISTINCT stage FROM {Runs} WHERE organization = {o} AND workspace = {w}) s) " +
            "ORDER BY r.stage, f.ordinal",
            open, HistoryRows.Finding, cancellationToken);
        return new WorkspaceHistory(organization, workspace, latest[0].WorkspaceId, FillDays(days, since, until), runs.Items, openFindings);
    }

    private HistoryConditions RunConditions(HistoryFilter filter)
    {
        var where = new HistoryConditions(_database);
        where.Runs(filter, "r", "r.finished_at");
        if (filter.Rule is not null || filter.Address is not null)
        {
            var inner = new List<string>();
            if (filter.Rule is not null)
            {
                inner.Add($"x.rule_id = {where.Parameter(filter.Rule)}");
            }

            if (filter.Address is not null)
            {
                inner.Add(where.GlobExpression("x.address", filter.Address));
            }

            // The finding repeats its run's finish time: with it, the rule and address indexes (rule or address, finished_at,
            // task_result_id) answer each run's probe with one lookup while the runs are read newest first.
            where.Add($"EXISTS (SELECT 1 FROM {Findings} x WHERE x.task_result_id = r.task_result_id AND x.finished_at = r.finished_at AND {string.Join(" AND ", inner)})");
        }

        return where;
    }

    private HistoryConditions FindingConditions(HistoryFilter filter)
    {
        var where = new HistoryConditions(_database);
        where.Runs(filter with { From = null, To = null }, "r", "r.finished_at");
        where.Time(filter, "f.finished_at");
        where.Findings(filter, "f");
        if (filter.NewOnly)
        {
            where.Add("f.is_new = 1");
        }

        return where;
    }

    /// <summary>The findings table alone when only the period and the finding's own fields filter; joined with the runs otherwise.</summary>
    private string FindingScope(HistoryFilter filter, out HistoryConditions where)
    {
        where = new HistoryConditions(_database);
        where.Time(filter, "f.finished_at");
        where.Findings(filter, "f");
        var runLevel = filter with { From = null, To = null, Rule = null, Address = null, NewOnly = false };
        if (runLevel == HistoryFilter.All)
        {
            return $"{Findings} f";
        }

        where.Runs(runLevel, "r", "r.finished_at");
        return $"{Findings} f JOIN {Runs} r ON r.task_result_id = f.task_result_id";
    }

    /// <summary>What the runs selected by <paramref name="where"/> (alias r) fixed: their previous run's findings they no longer have.</summary>
    private static string FixedSql(HistoryConditions where, int? limit)
    {
        var runs = limit is { } n
            ? $"(SELECT r.task_result_id, r.finished_at, r.organization, r.workspace, r.stage, r.previous_id FROM {Runs} r {where.Where} ORDER BY r.finished_at DESC, r.task_result_id DESC LIMIT {where.Parameter(n)})"
            : $"(SELECT r.task_result_id, r.finished_at, r.organization, r.workspace, r.stage, r.previous_id FROM {Runs} r {where.Where})";
        return "SELECT c.task_result_id, c.finished_at, c.organization, c.workspace, c.stage, p.rule_id, p.severity, p.address, p.title " +
            $"FROM {runs} c JOIN {Findings} p ON p.task_result_id = c.previous_id " +
            $"WHERE NOT EXISTS (SELECT 1 FROM {Findings} k WHERE k.rule_id = p.rule_id AND k.finished_at = c.finished_at AND k.task_result_id = c.task_result_id AND k.address = p.address) " +
            "ORDER BY c.finished_at DESC, c.task_result_id DESC, p.ordinal" + (limit is { } m ? $" LIMIT {where.Parameter(m)}" : "");
    }

    private static FixedFinding FixedRow(DbDataReader row) => new(
        row.GetString(0), HistoryRows.Time(row, 1), HistoryRows.Text(row, 2), HistoryRows.Text(row, 3), row.GetString(4),
        row.GetString(5), HistoryText.Severity(row.GetString(6)), row.GetString(7), row.GetString(8));

    private static RuleCount RuleRow(DbDataReader row) => new(row.GetString(0), HistoryRows.Int(row, 1), HistoryRows.Int(row, 2));

    private async Task<List<DayCount>> DaysAsync(HistoryConditions where, CancellationToken cancellationToken) => await ReadAsync(
        $"SELECT r.finished_at / {DayMs} AS day, count(*), sum(CASE WHEN r.verdict = 'passed' THEN 1 ELSE 0 END), " +
        "sum(CASE WHEN r.verdict = 'failed' THEN 1 ELSE 0 END), sum(CASE WHEN r.verdict = 'errored' THEN 1 ELSE 0 END) " +
        $"FROM {Runs} r {where.Where} GROUP BY r.finished_at / {DayMs}",
        where,
        row => new DayCount(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(HistoryRows.Long(row, 0) * DayMs).UtcDateTime),
            HistoryRows.Int(row, 1), HistoryRows.Int(row, 2), HistoryRows.Int(row, 3), HistoryRows.Int(row, 4)),
        cancellationToken);

    /// <summary>Every day of the period, in order, a day without runs as zeros.</summary>
    private static List<DayCount> FillDays(List<DayCount> counted, DateTimeOffset from, DateTimeOffset to)
    {
        var byDay = counted.ToDictionary(d => d.Day);
        var days = new List<DayCount>();
        var last = DateOnly.FromDateTime(to.UtcDateTime.AddTicks(-1));
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day <= last; day = day.AddDays(1))
        {
            days.Add(byDay.TryGetValue(day, out var count) ? count : new DayCount(day, 0, 0, 0, 0));
        }

        return days;
    }

    private static HistoryPage<T> Page<T>(List<T> items, int limit, Func<T, HistoryCursor> cursorOf)
    {
        if (items.Count <= limit)
        {
            return new HistoryPage<T>(items, null);
        }

        items.RemoveRange(limit, items.Count - limit);
        return new HistoryPage<T>(items, cursorOf(items[^1]).Encode());
    }

    private async Task<long> CountAsync(string sql, HistoryConditions where, CancellationToken cancellationToken)
    {
        await using var connection = await _connect(cancellationToken);
        await using var command = HistoryCommands.Create(connection, sql);
        where.Bind(command);
        return await HistoryCommands.ScalarAsync(command, cancellationToken);
    }

    private async Task<List<T>> ReadAsync<T>(string sql, HistoryConditions where, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await foreach (var item in StreamAsync(sql, where, map, cancellationToken))
        {
            items.Add(item);
        }

        return items;
    }

    private async IAsyncEnumerable<T> StreamAsync<T>(string sql, HistoryConditions where, Func<DbDataReader, T> map, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _connect(cancellationToken);
        await using var command = HistoryCommands.Create(connection, sql);
        command.CommandTimeout = 300; // an export of a long period
        where.Bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return map(reader);
        }
    }
}
