-- RunTasks PostgreSQL schema, part 5: the inbox of accepted run task requests (RunTasks' own table).
--
-- The Api inserts a request here before it answers 200 and deletes it once the task result's grain has it, so a
-- request accepted while its silo dies is not lost: a pump on every silo re-submits rows left behind.
-- The request is JSON with its access token encrypted by the shared Data Protection key ring, as in grain state.
-- claimed_until is the pump's lease: rows one silo is submitting are skipped by the others until it lapses.

CREATE TABLE IF NOT EXISTS runtasks_inbox
(
    task_result_id text        NOT NULL PRIMARY KEY,
    request        text        NOT NULL,
    accepted_at    timestamptz NOT NULL DEFAULT now(),
    claimed_until  timestamptz NULL,
    attempts       integer     NOT NULL DEFAULT 0
);

CREATE INDEX IF NOT EXISTS ix_runtasks_inbox_accepted_at ON runtasks_inbox (accepted_at);
