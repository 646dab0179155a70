-- Closed stays of devices in micro-beats and priority locations, as live presence hands them out:
-- visits (at least MinDwell) and passes. Open stays live in the server's memory only.
CREATE TABLE visits (
    device_id      text NOT NULL,
    area_kind      text NOT NULL CHECK (area_kind IN ('beat', 'location')),
    area_id        text NOT NULL,
    enter_time     timestamptz NOT NULL,
    exit_time      timestamptz NOT NULL CHECK (exit_time > enter_time),
    inside_seconds double precision NOT NULL CHECK (inside_seconds > 0),
    is_visit       boolean NOT NULL,
    PRIMARY KEY (device_id, area_kind, area_id, enter_time)
);

-- "Presence at this place over that period", the question supervisors ask.
CREATE INDEX visits_area_idx ON visits (area_kind, area_id, enter_time);
