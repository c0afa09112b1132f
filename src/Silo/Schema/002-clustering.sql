-- RunTasks PostgreSQL schema, part 2: cluster membership (Microsoft.Orleans.Clustering.AdoNet 10.4.2).
--
-- One version row per cluster (DeploymentId = ClusterOptions.ClusterId) and one row per silo incarnation
-- (address, port, generation). Every membership change bumps the version row in the same transaction, which
-- is how Orleans detects concurrent writers: a write that names a stale version must change nothing and
-- report 0. Status values are Orleans' SiloStatus: 3 = Active, 6 = Dead.

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Creates the version row of a cluster once; 1 when this call created it, 0 when it already existed.
CREATE OR REPLACE FUNCTION orleans_membership_insert_version(p_deployment_id varchar)
    RETURNS TABLE (row_count integer)
    LANGUAGE plpgsql
AS $func$
DECLARE
    v_rows integer;
BEGIN
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (p_deployment_id)
    ON CONFLICT (DeploymentId) DO NOTHING;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    RETURN QUERY SELECT v_rows;
END
$func$;

-- Adds a silo row if, and only if, the caller's table version is current and the row is new.
-- The version bump and the insert succeed or fail together (the inner block is a subtransaction).
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id  varchar,
    p_address        varchar,
    p_port           integer,
    p_generation     integer,
    p_silo_name      varchar,
    p_host_name      varchar,
    p_status         integer,
    p_proxy_port     integer,
    p_start_time     timestamptz,
    p_i_am_alive     timestamptz,
    p_version        integer)
    RETURNS TABLE (row_count integer)
    LANGUAGE plpgsql
AS $func$
DECLARE
    v_rows integer := 0;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
           SET Timestamp = now(), Version = Version + 1
         WHERE DeploymentId = p_deployment_id
           AND Version = p_version
           AND Version < 2147483647;
        GET DIAGNOSTICS v_rows = ROW_COUNT;

        IF v_rows > 0 THEN
            INSERT INTO OrleansMembershipTable
                (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
            VALUES
                (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
                 p_start_time, p_i_am_alive)
            ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
            GET DIAGNOSTICS v_rows = ROW_COUNT;
        END IF;

        IF v_rows = 0 THEN
            RAISE EXCEPTION 'membership insert changed nothing' USING ERRCODE = 'RTM01';
        END IF;
    EXCEPTION
        WHEN SQLSTATE 'RTM01' THEN
            v_rows := 0;
    END;
    RETURN QUERY SELECT v_rows;
END
$func$;

-- Changes a silo row if, and only if, the caller's table version is current and the row exists.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id  varchar,
    p_address        varchar,
    p_port           integer,
    p_generation     integer,
    p_status         integer,
    p_suspect_times  varchar,
    p_i_am_alive     timestamptz,
    p_version        integer)
    RETURNS TABLE (row_count integer)
    LANGUAGE plpgsql
AS $func$
DECLARE
    v_rows integer := 0;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
           SET Timestamp = now(), Version = Version + 1
         WHERE DeploymentId = p_deployment_id
           AND Version = p_version
           AND Version < 2147483647;
        GET DIAGNOSTICS v_rows = ROW_COUNT;

        IF v_rows > 0 THEN
            UPDATE OrleansMembershipTable
               SET Status = p_status,
                   SuspectTimes = p_suspect_times,
                   IAmAliveTime = GREATEST(IAmAliveTime, p_i_am_alive)
             WHERE DeploymentId = p_deployment_id
               AND Address = p_address
               AND Port = p_port
               AND Generation = p_generation;
            GET DIAGNOSTICS v_rows = ROW_COUNT;
        END IF;

        IF v_rows = 0 THEN
            RAISE EXCEPTION 'membership update changed nothing' USING ERRCODE = 'RTM01';
        END IF;
    EXCEPTION
        WHEN SQLSTATE 'RTM01' THEN
            v_rows := 0;
    END;
    RETURN QUERY SELECT v_rows;
END
$func$;

-- Parameters are cast explicitly so that function resolution never depends on the CLR types the provider binds.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'InsertMembershipVersionKey', $sql$
    SELECT row_count FROM orleans_membership_insert_version(@DeploymentId::varchar);
$sql$),
(
    'InsertMembershipKey', $sql$
    SELECT row_count FROM orleans_membership_insert(
        @DeploymentId::varchar, @Address::varchar, @Port::integer, @Generation::integer,
        @SiloName::varchar, @HostName::varchar, @Status::integer, @ProxyPort::integer,
        @StartTime::timestamptz, @IAmAliveTime::timestamptz, @Version::integer);
$sql$),
(
    'UpdateMembershipKey', $sql$
    SELECT row_count FROM orleans_membership_update(
        @DeploymentId::varchar, @Address::varchar, @Port::integer, @Generation::integer,
        @Status::integer, @SuspectTimes::varchar, @IAmAliveTime::timestamptz, @Version::integer);
$sql$),
(
    -- Heartbeat: never moves IAmAliveTime backwards and does not touch the table version.
    'UpdateIAmAlivetimeKey', $sql$
    UPDATE OrleansMembershipTable
       SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime::timestamptz)
     WHERE DeploymentId = @DeploymentId::varchar
       AND Address = @Address::varchar
       AND Port = @Port::integer
       AND Generation = @Generation::integer;
$sql$),
(
    -- The version row is returned even when the silo row does not exist (LEFT JOIN).
    'MembershipReadRowKey', $sql$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
      FROM OrleansMembershipVersionTable v
      LEFT JOIN OrleansMembershipTable m
        ON m.DeploymentId = v.DeploymentId
       AND m.Address = @Address::varchar
       AND m.Port = @Port::integer
       AND m.Generation = @Generation::integer
     WHERE v.DeploymentId = @DeploymentId::varchar;
$sql$),
(
    'MembershipReadAllKey', $sql$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
      FROM OrleansMembershipVersionTable v
      LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
     WHERE v.DeploymentId = @DeploymentId::varchar;
$sql$),
(
    'DeleteMembershipTableEntriesKey', $sql$
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId::varchar;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId::varchar;
$sql$),
(
    -- Clients discover gateways here: silos with the requested status (Active) that opened a gateway port.
    'GatewaysQueryKey', $sql$
    SELECT Address, ProxyPort, Generation
      FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId::varchar
       AND Status = @Status::integer
       AND ProxyPort > 0;
$sql$),
(
    -- Prunes Dead rows whose last start and heartbeat are older than the cut-off and that nobody suspects.
    'CleanupDefunctSiloEntriesKey', $sql$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId::varchar
       AND IAmAliveTime < @IAmAliveTime::timestamptz
       AND StartTime < @IAmAliveTime::timestamptz
       AND COALESCE(SuspectTimes, '') = ''
       AND Status = 6;
$sql$),
(
    -- Prunes one Dead row, only if it still holds exactly the values the caller read.
    'CleanupDefunctSiloEntryKey', $sql$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId::varchar
       AND Address = @Address::varchar
       AND Port = @Port::integer
       AND Generation = @Generation::integer
       AND Status = 6
       AND StartTime = @StartTime::timestamptz
       AND IAmAliveTime = @IAmAliveTime::timestamptz
       AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes::varchar, '');
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
