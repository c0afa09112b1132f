-- RunTasks PostgreSQL schema, part 6: the results store (issue 22), RunTasks' own tables.
--
-- Every final verdict once (task_result_id is the key: a second write of the same result does nothing) and its
-- findings: rule, severity, resource address and type, waiver and title; never a plan value or a token.
-- The same tables as the embedded data file (src/Grains/History/HistorySchema.cs): times are Unix milliseconds
-- (UTC), flags 0/1, so the queries are one text for both databases. Identifiers sort byte-wise (COLLATE "C"), as
-- in SQLite, so the cursor of a page means the same on both.
-- Rows older than RunTasks:History:Retention (default 400 days) are deleted in batches by the silos.

CREATE TABLE IF NOT EXISTS runtasks_history_runs
(
    task_result_id       text COLLATE "C" NOT NULL PRIMARY KEY,
    organization         text COLLATE "C" NULL,
    project              text COLLATE "C" NULL,
    workspace            text COLLATE "C" NULL,
    workspace_id         text COLLATE "C" NULL,
    workspace_key        text COLLATE "C" NOT NULL,
    run_id               text NULL,
    stage                text COLLATE "C" NOT NULL,
    enforcement_level    text NULL,
    speculative          integer NOT NULL,
    vcs_repo_url         text COLLATE "C" NULL,
    vcs_branch           text COLLATE "C" NULL,
    vcs_commit_hash      text NULL,
    vcs_commit_url       text NULL,
    vcs_pull_request_url text NULL,
    run_created_by       text NULL,
    run_message          text NULL,
    run_app_url          text NULL,
    received_at          bigint NOT NULL,
    finished_at          bigint NOT NULL,
    verdict              text NOT NULL,
    status               text NOT NULL,
    message              text NULL,
    delivery             text NOT NULL,
    watchdog             text NULL,
    errors               integer NOT NULL,
    warnings             integer NOT NULL,
    infos                integer NOT NULL,
    waived               integer NOT NULL,
    omitted              integer NOT NULL,
    plan_create          integer NOT NULL,
    plan_update          integer NOT NULL,
    plan_replace         integer NOT NULL,
    plan_destroy         integer NOT NULL,
    policy_sets          text NOT NULL,
    new_findings         integer NOT NULL,
    fixed_findings       integer NOT NULL,
    previous_id          text COLLATE "C" NULL
);

CREATE INDEX IF NOT EXISTS ix_history_runs_finished ON runtasks_history_runs (finished_at, task_result_id);
CREATE INDEX IF NOT EXISTS ix_history_runs_workspace ON runtasks_history_runs (workspace_key, stage, finished_at);
CREATE INDEX IF NOT EXISTS ix_history_runs_named ON runtasks_history_runs (organization, workspace, finished_at);
CREATE INDEX IF NOT EXISTS ix_history_runs_organization ON runtasks_history_runs (organization, finished_at);

CREATE TABLE IF NOT EXISTS runtasks_history_findings
(
    task_result_id text COLLATE "C" NOT NULL,
    ordinal        integer NOT NULL,
    finished_at    bigint NOT NULL,
    run_failed     integer NOT NULL,
    rule_id        text COLLATE "C" NOT NULL,
    severity       text NOT NULL,
    address        text COLLATE "C" NOT NULL,
    resource_type  text NULL,
    title          text NOT NULL,
    waiver_id      text NULL,
    is_new         integer NOT NULL,
    first_seen_at  bigint NOT NULL,
    PRIMARY KEY (task_result_id, ordinal)
);

CREATE INDEX IF NOT EXISTS ix_history_findings_finished ON runtasks_history_findings (finished_at, task_result_id, ordinal);
CREATE INDEX IF NOT EXISTS ix_history_findings_rule ON runtasks_history_findings (rule_id, finished_at, task_result_id);
CREATE INDEX IF NOT EXISTS ix_history_findings_address ON runtasks_history_findings (address, finished_at, task_result_id);

-- Per-day totals kept as runs are written, so a period's summary reads thousands of rows, not millions.
-- day = finished_at / 86400000 (UTC days); organization and workspace are '' when HCP Terraform sent none.
CREATE TABLE IF NOT EXISTS runtasks_history_workspace_days
(
    day            bigint NOT NULL,
    organization   text COLLATE "C" NOT NULL,
    workspace      text COLLATE "C" NOT NULL,
    runs           integer NOT NULL,
    passed         integer NOT NULL,
    failed         integer NOT NULL,
    errored        integer NOT NULL,
    fixed_findings integer NOT NULL,
    PRIMARY KEY (day, organization, workspace)
);

CREATE TABLE IF NOT EXISTS runtasks_history_rule_days
(
    day              bigint NOT NULL,
    organization     text COLLATE "C" NOT NULL,
    rule_id          text COLLATE "C" NOT NULL,
    failing_runs     integer NOT NULL,
    failing_findings integer NOT NULL,
    waived_runs      integer NOT NULL,
    waived_findings  integer NOT NULL,
    new_findings     integer NOT NULL,
    PRIMARY KEY (day, organization, rule_id)
);
