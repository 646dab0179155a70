-- Mileage and utilisation per vehicle per local day, kept once a day has closed so the morning's report reads one row
-- per vehicle instead of the day's fixes. A late fix for a closed day (a tracker that buffered through a tunnel, a
-- replayed file) bumps that day's version, and the next day's (its first move may start from the late fix): a stored
-- figure counts only while its version is the current one.
CREATE TABLE track_day_versions (
    device_id text NOT NULL,
    day date NOT NULL,
    version bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (device_id, day)
);

CREATE TABLE vehicle_days (
    device_id text NOT NULL,
    day date NOT NULL,
    version bigint NOT NULL,
    distance_m double precision NOT NULL CHECK (distance_m >= 0),
    moving_s double precision NOT NULL CHECK (moving_s >= 0),
    idling_s double precision NOT NULL CHECK (idling_s >= 0),
    parked_s double precision NOT NULL CHECK (parked_s >= 0),
    computed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, day)
);

-- The presence report reads the stays of one kind (the priority locations, or the beats) that began in a period: with
-- a week of a force's beats in the table, the time index alone reads every beat stay to find the location ones. The
-- other columns ride along in the index, so the report reads it alone (an index-only scan) instead of a heap page per
-- stay: stays are written as they close, so one location's stays are spread over the whole table.
CREATE INDEX visits_kind_enter_idx ON visits (area_kind, enter_time) INCLUDE (area_id, device_id, exit_time, inside_seconds, is_visit);
