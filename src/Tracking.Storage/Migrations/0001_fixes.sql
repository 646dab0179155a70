-- Fixes, devices and the dead-letter table.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE devices (
    id            text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_.-]{1,64}$'),
    name          text,
    registered_at timestamptz NOT NULL DEFAULT now(),
    -- 'api' when an administrator registered it, 'first-contact' when demo mode let it register itself.
    registered_by text NOT NULL
);

-- One row per fix, unique on (device, device time) so re-sent QoS 1 messages and replays are stored once.
-- Partitioned by UTC day of device time: reports and replays prune to the days they ask for,
-- and retention drops whole days.
CREATE TABLE fixes (
    device_id   text NOT NULL,
    device_time timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    position    geometry(Point, 4326) NOT NULL,
    speed       real,      -- m/s
    heading     real,      -- degrees clockwise from true north
    accuracy    real,      -- metres
    altitude    real,      -- metres
    source      smallint NOT NULL,  -- Tracking.Core.Fixes.FixSource
    PRIMARY KEY (device_id, device_time)
) PARTITION BY RANGE (device_time);

-- "One device over a time range" is served by the primary key; "everything in an area over a time range"
-- by pruning to the days, then this index inside each day.
CREATE INDEX fixes_position_idx ON fixes USING gist (position);

-- Creates the partition for one UTC day if it is missing. Serialised by an advisory lock so several
-- server instances (or the writer and the maintenance task) can call it at once.
CREATE FUNCTION ensure_fixes_partition(day date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    partition_name text := 'fixes_' || to_char(day, 'YYYYMMDD');
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('fixes_partitions'));
    IF to_regclass(partition_name) IS NULL THEN
        EXECUTE format(
            'CREATE TABLE %I PARTITION OF fixes FOR VALUES FROM (%L) TO (%L)',
            partition_name,
            (day::timestamp AT TIME ZONE 'UTC'),
            ((day + 1)::timestamp AT TIME ZONE 'UTC'));
    END IF;
END $$;

-- Refused input, kept with its raw bytes so an operator can see exactly what a device sent.
CREATE TABLE rejected_messages (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    received_at timestamptz NOT NULL,
    topic       text NOT NULL,
    device_id   text,
    reason      text NOT NULL,
    detail      text NOT NULL,
    payload     bytea NOT NULL
);
CREATE INDEX rejected_messages_received_at_idx ON rejected_messages (received_at);
