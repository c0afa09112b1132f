namespace RunTasks.Grains.Storage;

/// <summary>
/// The data file's migrations, applied in order at start-up, each in one transaction with its row in
/// <c>schema_version</c>. Never edit a released step: add the next one.
/// </summary>
public static class DataFileSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        // 1: Orleans' ADO.NET grain storage (invariant System.Data.SQLite, provider Microsoft.Data.Sqlite) reads its
        // queries by key from OrleansQuery and binds named parameters; keys, parameters and result columns are its
        // contract with Microsoft.Orleans.Persistence.AdoNet 10.4.2. Its connections take no pragmas, so each write
        // query sets the file's synchronous level itself (see DataFile.Connect). Then the reminders, the inbox and the key ring.
        """
        CREATE TABLE OrleansQuery (QueryKey TEXT NOT NULL PRIMARY KEY, QueryText TEXT NOT NULL);

        CREATE TABLE OrleansStorage (
            GrainIdHash INTEGER NOT NULL,
            GrainIdN0 INTEGER NOT NULL,
            GrainIdN1 INTEGER NOT NULL,
            GrainTypeHash INTEGER NOT NULL,
            GrainTypeString TEXT NOT NULL,
            GrainIdExtensionString TEXT NULL,
            ServiceId TEXT NOT NULL,
            PayloadBinary BLOB NULL,
            ModifiedOn TEXT NOT NULL,
            Version INTEGER NULL);

        -- One row per grain; a missing key extension counts as a value.
        CREATE UNIQUE INDEX UX_OrleansStorage_Grain ON OrleansStorage
            (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString, ifnull(GrainIdExtensionString, ''));
        CREATE INDEX IX_OrleansStorage_ModifiedOn ON OrleansStorage (ModifiedOn);

        INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
        ('WriteToStorageKey', '
            PRAGMA synchronous = NORMAL;
            UPDATE OrleansStorage
               SET PayloadBinary = @PayloadBinary, ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), Version = Version + 1
             WHERE @GrainStateVersion IS NOT NULL
               AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
               AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
               AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
               AND GrainIdExtensionString IS @GrainIdExtensionString
               AND Version = @GrainStateVersion
            RETURNING Version AS NewGrainStateVersion;
            INSERT INTO OrleansStorage
                (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
            SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @PayloadBinary,
                   strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), 1
             WHERE @GrainStateVersion IS NULL
            ON CONFLICT DO NOTHING
            RETURNING Version AS NewGrainStateVersion;'),
        ('ReadFromStorageKey', '
            SELECT PayloadBinary, Version
              FROM OrleansStorage
             WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
               AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
               AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
               AND GrainIdExtensionString IS @GrainIdExtensionString;'),
        ('ClearStorageKey', '
            PRAGMA synchronous = NORMAL;
            UPDATE OrleansStorage
               SET PayloadBinary = NULL, ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), Version = Version + 1
             WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
               AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
               AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
               AND GrainIdExtensionString IS @GrainIdExtensionString
               AND Version = @GrainStateVersion
            RETURNING Version AS NewGrainStateVersion;'),
        ('DeleteStorageKey', '
            PRAGMA synchronous = NORMAL;
            DELETE FROM OrleansStorage
             WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
               AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
               AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
               AND GrainIdExtensionString IS @GrainIdExtensionString
               AND Version = @GrainStateVersion
            RETURNING Version + 1 AS NewGrainStateVersion;');

        -- Reminders: start_at in .NET ticks (UTC), period in ticks; a fresh etag per write, so a removed and re-added
        -- reminder never matches an old ETag.
        CREATE TABLE runtasks_reminders (
            service_id TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            reminder_name TEXT NOT NULL,
            grain_hash INTEGER NOT NULL,
            start_at INTEGER NOT NULL,
            period INTEGER NOT NULL,
            etag TEXT NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name));
        CREATE INDEX ix_runtasks_reminders_hash ON runtasks_reminders (service_id, grain_hash);

        -- Accepted run task requests not yet taken by their grain (access token encrypted); times in Unix ms.
        CREATE TABLE runtasks_inbox (
            task_result_id TEXT NOT NULL PRIMARY KEY,
            request TEXT NOT NULL,
            accepted_at INTEGER NOT NULL,
            claimed_until INTEGER NULL,
            attempts INTEGER NOT NULL DEFAULT 0);

        CREATE TABLE runtasks_dataprotection_keys (friendly_name TEXT NOT NULL PRIMARY KEY, xml TEXT NOT NULL);
        """,

        // 2: the results store (issue 22): every final verdict and its findings, kept for RunTasks:History:Retention.
        History.HistorySchema.Sqlite,
    ];
}
