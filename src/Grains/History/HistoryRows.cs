using System.Data.Common;
using System.Text.Json;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.History;

/// <summary>The column lists the queries select and how a row becomes a record: one place, so every query reads alike.</summary>
internal static class HistoryRows
{
    public const string RunColumns =
        "r.task_result_id, r.organization, r.project, r.workspace, r.workspace_id, r.run_id, r.stage, r.enforcement_level, r.speculative, " +
        "r.vcs_repo_url, r.vcs_branch, r.vcs_commit_hash, r.vcs_commit_url, r.vcs_pull_request_url, r.run_created_by, r.run_message, r.run_app_url, " +
        "r.received_at, r.finished_at, r.verdict, r.status, r.message, r.delivery, r.watchdog, r.errors, r.warnings, r.infos, r.waived, r.omitted, " +
        "r.plan_create, r.plan_update, r.plan_replace, r.plan_destroy, r.policy_sets, r.new_findings, r.fixed_findings, r.previous_id";

    public const string FindingColumns =
        "f.task_result_id, f.ordinal, f.finished_at, r.organization, r.workspace, r.stage, f.rule_id, f.severity, f.address, f.resource_type, " +
        "f.title, f.waiver_id, f.is_new, f.first_seen_at";

    public static RunRecord Run(DbDataReader row) => new()
    {
        TaskResultId = row.GetString(0),
        Organization = Text(row, 1),
        Project = Text(row, 2),
        Workspace = Text(row, 3),
        WorkspaceId = Text(row, 4),
        RunId = Text(row, 5),
        Stage = row.GetString(6),
        EnforcementLevel = Text(row, 7),
        IsSpeculative = Int(row, 8) != 0,
        VcsRepoUrl = Text(row, 9),
        VcsBranch = Text(row, 10),
        VcsCommitHash = Text(row, 11),
        VcsCommitUrl = Text(row, 12),
        VcsPullRequestUrl = Text(row, 13),
        RunCreatedBy = Text(row, 14),
        RunMessage = Text(row, 15),
        RunAppUrl = Text(row, 16),
        ReceivedAt = Time(row, 17),
        FinishedAt = Time(row, 18),
        Verdict = HistoryText.Verdict(row.GetString(19)),
        Status = row.GetString(20) == "passed" ? VerdictStatus.Passed : VerdictStatus.Failed,
        Message = Text(row, 21),
        Delivery = HistoryText.Delivery(row.GetString(22)),
        Watchdog = Text(row, 23),
        Errors = Int(row, 24),
        Warnings = Int(row, 25),
        Infos = Int(row, 26),
        Waived = Int(row, 27),
        OmittedFindings = Int(row, 28),
        PlanCreate = Int(row, 29),
        PlanUpdate = Int(row, 30),
        PlanReplace = Int(row, 31),
        PlanDestroy = Int(row, 32),
        PolicySets = PolicySetsOf(row.GetString(33)),
        NewFindings = Int(row, 34),
        FixedFindings = Int(row, 35),
        PreviousTaskResultId = Text(row, 36),
    };

    public static FindingRecord Finding(DbDataReader row) => new()
    {
        TaskResultId = row.GetString(0),
        Ordinal = Int(row, 1),
        FinishedAt = Time(row, 2),
        Organization = Text(row, 3),
        Workspace = Text(row, 4),
        Stage = row.GetString(5),
        RuleId = row.GetString(6),
        Severity = HistoryText.Severity(row.GetString(7)),
        Address = row.GetString(8),
        ResourceType = Text(row, 9),
        Title = row.GetString(10),
        WaiverId = Text(row, 11),
        IsNew = Int(row, 12) != 0,
        FirstSeenAt = Time(row, 13),
    };

    // Most runs name the same policy sets: the last list read is kept, so an export parses it once, not per row.
    [ThreadStatic] private static (string Json, IReadOnlyList<string> Sets)? _lastPolicySets;

    private static IReadOnlyList<string> PolicySetsOf(string json)
    {
        if (_lastPolicySets is { } last && string.Equals(last.Json, json, StringComparison.Ordinal))
        {
            return last.Sets;
        }

        IReadOnlyList<string> sets = JsonSerializer.Deserialize<string[]>(json) ?? [];
        _lastPolicySets = (json, sets);
        return sets;
    }

    public static string? Text(DbDataReader row, int i) => row.IsDBNull(i) ? null : row.GetString(i);

    /// <summary>An integer column or aggregate, whatever width the database gives it (PostgreSQL's sums are bigint or numeric).</summary>
    public static int Int(DbDataReader row, int i) => row.IsDBNull(i) ? 0
        : row.GetFieldType(i) == typeof(int) ? row.GetInt32(i)
        : row.GetFieldType(i) == typeof(long) ? checked((int)row.GetInt64(i))
        : Convert.ToInt32(row.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    public static long Long(DbDataReader row, int i) => row.IsDBNull(i) ? 0
        : row.GetFieldType(i) == typeof(long) ? row.GetInt64(i)
        : Convert.ToInt64(row.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset Time(DbDataReader row, int i) => DateTimeOffset.FromUnixTimeMilliseconds(Long(row, i));
}
