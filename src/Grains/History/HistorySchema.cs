namespace RunTasks.Grains.History;

/// <summary>
/// The results store's tables, the same on both databases (PostgreSQL: <c>src/Silo/Schema/006-history.sql</c>, which
/// must match this). Times are Unix milliseconds (UTC) in both, so every query is one text for both; flags are 0/1.
/// Findings repeat their run's finish time and whether it failed; per-day totals by workspace and by rule (day = Unix
/// ms / 86,400,000; organisation and workspace '' when HCP Terraform sent none) serve the summary of whole days.
/// </summary>
public static class HistorySchema
{
    /// <summary>For the data file's migration (and the temporary file of in-memory mode).</summary>
    public const string Sqlite = """
        CREATE TABLE IF NOT EXISTS runtasks_history_runs (
            task_result_id TEXT NOT NULL PRIMARY KEY,
            organization TEXT NULL,
            project TEXT NULL,
            workspace TEXT NULL,
            workspace_id TEXT NULL,
            workspace_key TEXT NOT NULL,
            run_id TEXT NULL,
            stage TEXT NOT NULL,
            enforcement_level TEXT NULL,
            speculative INTEGER NOT NULL,
            vcs_repo_url TEXT NULL,
            vcs_branch TEXT NULL,
            vcs_commit_hash TEXT NULL,
            vcs_commit_url TEXT NULL,
            vcs_pull_request_url TEXT NULL,
            run_created_by TEXT NULL,
            run_message TEXT NULL,
            run_app_url TEXT NULL,
            received_at INTEGER NOT NULL,
            finished_at INTEGER NOT NULL,
            verdict TEXT NOT NULL,
            status TEXT NOT NULL,
            message TEXT NULL,
            delivery TEXT NOT NULL,
            watchdog TEXT NULL,
            errors INTEGER NOT NULL,
            warnings INTEGER NOT NULL,
            infos INTEGER NOT NULL,
            waived INTEGER NOT NULL,
            omitted INTEGER NOT NULL,
            plan_create INTEGER NOT NULL,
            plan_update INTEGER NOT NULL,
            plan_replace INTEGER NOT NULL,
            plan_destroy INTEGER NOT NULL,
            policy_sets TEXT NOT NULL,
            new_findings INTEGER NOT NULL,
            fixed_findings INTEGER NOT NULL,
            previous_id TEXT NULL);
        CREATE INDEX IF NOT EXISTS ix_history_runs_finished ON runtasks_history_runs (finished_at, task_result_id);
        CREATE INDEX IF NOT EXISTS ix_history_runs_workspace ON runtasks_history_runs (workspace_key, stage, finished_at);
        CREATE INDEX IF NOT EXISTS ix_history_runs_named ON runtasks_history_runs (organization, workspace, finished_at);
        CREATE INDEX IF NOT EXISTS ix_history_runs_organization ON runtasks_history_runs (organization, finished_at);

        CREATE TABLE IF NOT EXISTS runtasks_history_findings (
            task_result_id TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            finished_at INTEGER NOT NULL,
            run_failed INTEGER NOT NULL,
            rule_id TEXT NOT NULL,
            severity TEXT NOT NULL,
            address TEXT NOT NULL,
            resource_type TEXT NULL,
            title TEXT NOT NULL,
            waiver_id TEXT NULL,
            is_new INTEGER NOT NULL,
            first_seen_at INTEGER NOT NULL,
            PRIMARY KEY (task_result_id, ordinal));
        CREATE INDEX IF NOT EXISTS ix_history_findings_finished ON runtasks_history_findings (finished_at, task_result_id, ordinal);
        CREATE INDEX IF NOT EXISTS ix_history_findings_rule ON runtasks_history_findings (rule_id, finished_at, task_result_id);
        CREATE INDEX IF NOT EXISTS ix_history_findings_address ON runtasks_history_findings (address, finished_at, task_result_id);

        -- Per-day totals kept as runs are written, so a period's summary reads thousands of rows, not millions.
        CREATE TABLE IF NOT EXISTS runtasks_history_workspace_days (
            day INTEGER NOT NULL,
            organization TEXT NOT NULL,
            workspace TEXT NOT NULL,
            runs INTEGER NOT NULL,
            passed INTEGER NOT NULL,
            failed INTEGER NOT NULL,
            errored INTEGER NOT NULL,
            fixed_findings INTEGER NOT NULL,
            PRIMARY KEY (day, organization, workspace));

        CREATE TABLE IF NOT EXISTS runtasks_history_rule_days (
            day INTEGER NOT NULL,
            organization TEXT NOT NULL,
            rule_id TEXT NOT NULL,
            failing_runs INTEGER NOT NULL,
            failing_findings INTEGER NOT NULL,
            waived_runs INTEGER NOT NULL,
            waived_findings INTEGER NOT NULL,
            new_findings INTEGER NOT NULL,
            PRIMARY KEY (day, organization, rule_id));
        """;
}
