-- RunTasks PostgreSQL schema, part 1: the query catalogue.
--
-- The Orleans ADO.NET providers (clustering, persistence, reminders; invariant "Npgsql") issue no SQL of
-- their own design: at start-up each one reads `SELECT QueryKey, QueryText FROM OrleansQuery` and later runs
-- the text stored under each key it needs, binding named parameters (@DeploymentId, @GrainIdHash, ...) and
-- reading result columns by name. The later scripts fill this table; their query keys, parameter names and
-- result column names are the contract with Microsoft.Orleans.*.AdoNet 10.4.2 and must not be renamed.
--
-- Every script in this folder is idempotent (IF NOT EXISTS / OR REPLACE / ON CONFLICT DO UPDATE) and is
-- applied, in file-name order, by SchemaMigrator inside one transaction under an advisory lock.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
