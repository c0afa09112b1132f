-- RunTasks PostgreSQL schema, part 4: reminders (Microsoft.Orleans.Reminders.AdoNet 10.4.2).
--
-- One row per (service, grain, reminder name). GrainHash places the row on the silos' hash ring: each silo
-- reads the range (@BeginHash, @EndHash] it owns, or the wrapped range when BeginHash >= EndHash.
-- Period is in milliseconds. Version is the ETag: a delete that names another version removes nothing.

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(512)   NOT NULL,
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,
    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IF NOT EXISTS IX_RemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    -- Creates the reminder at version 0 or replaces it with version + 1; returns the new version.
    'UpsertReminderRowKey', $sql$
    INSERT INTO OrleansRemindersTable AS r
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (@ServiceId::varchar, @GrainId::varchar, @ReminderName::varchar, @StartTime::timestamptz,
         @Period::bigint, @GrainHash::integer, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
       SET StartTime = excluded.StartTime,
           Period = excluded.Period,
           GrainHash = excluded.GrainHash,
           Version = r.Version + 1
    RETURNING r.Version AS Version;
$sql$),
(
    'ReadReminderRowsKey', $sql$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId::varchar
       AND GrainId = @GrainId::varchar;
$sql$),
(
    'ReadReminderRowKey', $sql$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId::varchar
       AND GrainId = @GrainId::varchar
       AND ReminderName = @ReminderName::varchar;
$sql$),
(
    -- The silo's range does not wrap: BeginHash < GrainHash <= EndHash.
    'ReadRangeRows1Key', $sql$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId::varchar
       AND GrainHash > @BeginHash::integer
       AND GrainHash <= @EndHash::integer;
$sql$),
(
    -- The silo's range wraps around the end of the ring.
    'ReadRangeRows2Key', $sql$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId::varchar
       AND (GrainHash > @BeginHash::integer OR GrainHash <= @EndHash::integer);
$sql$),
(
    -- Returns 1 when the row with that version was removed, else 0.
    'DeleteReminderRowKey', $sql$
    WITH removed AS (
        DELETE FROM OrleansRemindersTable
         WHERE ServiceId = @ServiceId::varchar
           AND GrainId = @GrainId::varchar
           AND ReminderName = @ReminderName::varchar
           AND Version = @Version::integer
        RETURNING 1)
    SELECT count(*)::integer AS row_count FROM removed;
$sql$),
(
    'DeleteReminderRowsKey', $sql$
    DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId::varchar;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
