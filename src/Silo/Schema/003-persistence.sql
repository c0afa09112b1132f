-- RunTasks PostgreSQL schema, part 3: grain state (Microsoft.Orleans.Persistence.AdoNet 10.4.2).
--
-- One row per (service, grain type, grain id). Version is the ETag the provider hands to the grain: a write or
-- clear that names another version changes nothing, and the provider then raises InconsistentStateException.
-- The provider serialises state itself and binds it as @PayloadBinary (bytea).

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer        NOT NULL,
    GrainIdN0              bigint         NOT NULL,
    GrainIdN1              bigint         NOT NULL,
    GrainTypeHash          integer        NOT NULL,
    GrainTypeString        varchar(512)   NOT NULL,
    GrainIdExtensionString varchar(512)   NULL,
    ServiceId              varchar(150)   NOT NULL,
    PayloadBinary          bytea          NULL,
    ModifiedOn             timestamptz(3) NOT NULL DEFAULT now(),
    Version                integer        NULL
);

-- One row per grain, enforced by the database (PostgreSQL 15: a NULL key extension counts as a value).
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain
    ON OrleansStorage (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString, GrainIdExtensionString)
    NULLS NOT DISTINCT;

-- Inserts the first version (expected version NULL) or replaces the payload of the expected version.
-- Returns the new version, or the expected version unchanged when another writer got there first.
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grain_id_hash    integer,
    p_grain_id_n0      bigint,
    p_grain_id_n1      bigint,
    p_grain_type_hash  integer,
    p_grain_type       varchar,
    p_key_extension    varchar,
    p_service_id       varchar,
    p_expected_version integer,
    p_payload          bytea)
    RETURNS TABLE (NewGrainStateVersion integer)
    LANGUAGE plpgsql
AS $func$
DECLARE
    v_new integer := p_expected_version;
    v_rows integer;
BEGIN
    IF p_expected_version IS NULL THEN
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
             PayloadBinary, ModifiedOn, Version)
        VALUES
            (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type, p_key_extension,
             p_service_id, p_payload, now(), 1)
        ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS v_rows = ROW_COUNT;
        IF v_rows > 0 THEN
            v_new := 1;
        END IF;
    ELSE
        UPDATE OrleansStorage
           SET PayloadBinary = p_payload, ModifiedOn = now(), Version = Version + 1
         WHERE GrainIdHash = p_grain_id_hash
           AND GrainTypeHash = p_grain_type_hash
           AND GrainIdN0 = p_grain_id_n0
           AND GrainIdN1 = p_grain_id_n1
           AND ServiceId = p_service_id
           AND GrainTypeString = p_grain_type
           AND GrainIdExtensionString IS NOT DISTINCT FROM p_key_extension
           AND Version = p_expected_version
        RETURNING Version INTO v_new;
        IF NOT FOUND THEN
            v_new := p_expected_version;
        END IF;
    END IF;
    RETURN QUERY SELECT v_new;
END
$func$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'WriteToStorageKey', $sql$
    SELECT NewGrainStateVersion FROM orleans_storage_write(
        @GrainIdHash::integer, @GrainIdN0::bigint, @GrainIdN1::bigint, @GrainTypeHash::integer,
        @GrainTypeString::varchar, @GrainIdExtensionString::varchar, @ServiceId::varchar,
        @GrainStateVersion::integer, @PayloadBinary::bytea);
$sql$),
(
    'ReadFromStorageKey', $sql$
    SELECT PayloadBinary, Version
      FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash::integer
       AND GrainTypeHash = @GrainTypeHash::integer
       AND GrainIdN0 = @GrainIdN0::bigint
       AND GrainIdN1 = @GrainIdN1::bigint
       AND ServiceId = @ServiceId::varchar
       AND GrainTypeString = @GrainTypeString::varchar
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString::varchar;
$sql$),
(
    -- Keeps the row (and so the version sequence) but drops the payload.
    'ClearStorageKey', $sql$
    UPDATE OrleansStorage
       SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
     WHERE GrainIdHash = @GrainIdHash::integer
       AND GrainTypeHash = @GrainTypeHash::integer
       AND GrainIdN0 = @GrainIdN0::bigint
       AND GrainIdN1 = @GrainIdN1::bigint
       AND ServiceId = @ServiceId::varchar
       AND GrainTypeString = @GrainTypeString::varchar
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString::varchar
       AND Version = @GrainStateVersion::integer
    RETURNING Version AS NewGrainStateVersion;
$sql$),
(
    -- Used instead of ClearStorageKey when AdoNetGrainStorageOptions.DeleteStateOnClear is set: removes the row.
    'DeleteStorageKey', $sql$
    DELETE FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash::integer
       AND GrainTypeHash = @GrainTypeHash::integer
       AND GrainIdN0 = @GrainIdN0::bigint
       AND GrainIdN1 = @GrainIdN1::bigint
       AND ServiceId = @ServiceId::varchar
       AND GrainTypeString = @GrainTypeString::varchar
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString::varchar
       AND Version = @GrainStateVersion::integer
    RETURNING Version + 1 AS NewGrainStateVersion;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
