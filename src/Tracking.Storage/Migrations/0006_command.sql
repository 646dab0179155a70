-- Command and control: officers and their accreditations, units, device kinds, the duty rota,
-- incidents and who attended them, unit status history and emergency alarms.
-- Identifiers follow Tracking.Core.Resources.ResourceIds; enum values are the C# names in camelCase.
-- Every text column has a length limit, so an oversized value is refused here too, whatever the caller checked.

CREATE TABLE officers (
    id         text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_.-]{1,64}$'),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    team       text CHECK (length(team) BETWEEN 1 AND 200),
    station    text CHECK (length(station) BETWEEN 1 AND 200),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- One accreditation per officer and skill; skills match case-insensitively, the spelling last imported is kept.
CREATE TABLE accreditations (
    officer_id text NOT NULL REFERENCES officers (id) ON DELETE CASCADE,
    skill      text NOT NULL CHECK (length(skill) BETWEEN 1 AND 200),
    expires    timestamptz,           -- valid strictly before this instant; NULL: does not expire
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accreditations_officer_skill_idx ON accreditations (officer_id, lower(skill));

CREATE TABLE units (
    id         text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_.-]{1,64}$'),
    call_sign  text NOT NULL CHECK (length(call_sign) BETWEEN 1 AND 200),
    type       text NOT NULL CHECK (type IN ('responseCar', 'armedResponseVehicle', 'van', 'dogUnit', 'motorcycle', 'footPatrol', 'pcso')),
    station    text CHECK (length(station) BETWEEN 1 AND 200),
    team       text CHECK (length(team) BETWEEN 1 AND 200),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- A constant default adds the column without rewriting the table. The name limit is NOT VALID so
-- that names registered before it (through the device API) do not stop the migration; new ones obey it.
ALTER TABLE devices
    ADD COLUMN kind text NOT NULL DEFAULT 'unknown' CHECK (kind IN ('unknown', 'vehicleTracker', 'airwaveRadio', 'phone'));
ALTER TABLE devices
    ADD CONSTRAINT devices_name_length CHECK (length(name) <= 200) NOT VALID;

-- The duty rota: a unit on duty over [starts_at, ends_at).
CREATE TABLE shifts (
    id                text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_.-]{1,64}$'),
    unit_id           text NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
    starts_at         timestamptz NOT NULL,
    ends_at           timestamptz NOT NULL,
    vehicle_device_id text REFERENCES devices (id),   -- NULL for a unit on foot
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);
-- "Who is on duty between these times": range overlap (&&) over the shift's default [) range.
CREATE INDEX shifts_period_idx ON shifts USING gist (tstzrange(starts_at, ends_at));
CREATE INDEX shifts_unit_idx ON shifts (unit_id);
CREATE INDEX shifts_vehicle_idx ON shifts (vehicle_device_id) WHERE vehicle_device_id IS NOT NULL;

CREATE TABLE shift_crew (
    shift_id        text NOT NULL REFERENCES shifts (id) ON DELETE CASCADE,
    officer_id      text NOT NULL REFERENCES officers (id) ON DELETE RESTRICT,
    radio_device_id text REFERENCES devices (id),
    position        smallint NOT NULL CHECK (position >= 0),   -- the crew's order as imported
    PRIMARY KEY (shift_id, officer_id)
);
-- Deleting an officer or a device looks for rows that still point at it.
CREATE INDEX shift_crew_officer_idx ON shift_crew (officer_id);
CREATE INDEX shift_crew_radio_idx ON shift_crew (radio_device_id) WHERE radio_device_id IS NOT NULL;

CREATE TABLE incidents (
    id              text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_.-]{1,64}$'),
    grade           smallint NOT NULL CHECK (grade BETWEEN 1 AND 3),
    type            text NOT NULL CHECK (length(type) BETWEEN 1 AND 200),
    location        geometry(Point, 4326) NOT NULL
                    CHECK (ST_X(location) BETWEEN -180 AND 180 AND ST_Y(location) BETWEEN -90 AND 90),
    -- At most 32 skills; the joined length bounds every element without a function per element.
    required_skills text[] NOT NULL DEFAULT '{}'
                    CHECK (cardinality(required_skills) <= 32 AND array_position(required_skills, NULL) IS NULL
                           AND length(array_to_string(required_skills, ',')) <= 2000),
    vehicle_type    text CHECK (vehicle_type IN ('responseCar', 'armedResponseVehicle', 'van', 'dogUnit', 'motorcycle', 'footPatrol', 'pcso')),
    created_at      timestamptz NOT NULL,
    status          text NOT NULL CHECK (status IN ('open', 'closed')),
    closed_at       timestamptz,
    received_at     timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX incidents_created_at_idx ON incidents (created_at);
CREATE INDEX incidents_open_idx ON incidents (created_at) WHERE status = 'open';

-- unit_id has no foreign key: a crew member whose radio is away from the vehicle is a foot patrol
-- of its own, '{unit}.{officer}', which exists only while the rota and the track say so.
CREATE TABLE attendances (
    incident_id   text NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    unit_id       text NOT NULL CHECK (unit_id ~ '^[A-Za-z0-9_.-]{1,64}$'),
    assigned_at   timestamptz,            -- NULL: it went without being sent
    arrived_at    timestamptz,            -- NULL: still en route
    self_deployed boolean NOT NULL,
    PRIMARY KEY (incident_id, unit_id)
);
CREATE INDEX attendances_unit_idx ON attendances (unit_id);

-- Every status change of every unit, never updated. incident_id has no foreign key: the history
-- keeps what was said even about an incident command and control never sent us; nor has unit_id
-- (crew foot patrols, as for attendances). Deleting a unit with history is refused by the store.
CREATE TABLE unit_status_history (
    id          bigserial PRIMARY KEY,
    unit_id     text NOT NULL CHECK (unit_id ~ '^[A-Za-z0-9_.-]{1,64}$'),
    status      text NOT NULL CHECK (status IN ('available', 'assigned', 'atScene', 'unavailable', 'offDuty')),
    at          timestamptz NOT NULL,
    cause       text NOT NULL CHECK (cause IN ('dispatcher', 'device', 'assignment', 'arrival', 'shiftStart', 'shiftEnd', 'incidentClosed')),
    reason      text CHECK (length(reason) <= 500),
    incident_id text CHECK (incident_id ~ '^[A-Za-z0-9_.-]{1,64}$'),
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX unit_status_history_unit_at_idx ON unit_status_history (unit_id, at);

-- Emergencies. unit_id and officer_ids are what the rota said when it was raised, kept as they
-- were (no foreign keys), like the back-up list: a record of that moment.
CREATE TABLE alarms (
    id          uuid PRIMARY KEY,
    device_id   text NOT NULL CHECK (device_id ~ '^[A-Za-z0-9_.-]{1,64}$'),
    unit_id     text CHECK (unit_id ~ '^[A-Za-z0-9_.-]{1,64}$'),
    officer_ids text[] NOT NULL DEFAULT '{}'
                CHECK (cardinality(officer_ids) <= 100 AND array_position(officer_ids, NULL) IS NULL
                       AND length(array_to_string(officer_ids, ',')) <= 6600),
    location    geometry(Point, 4326)   -- NULL: raised before the device had any position
                CHECK (ST_X(location) BETWEEN -180 AND 180 AND ST_Y(location) BETWEEN -90 AND 90),
    raised_at   timestamptz NOT NULL,
    source      text NOT NULL CHECK (source IN ('fix', 'statusTopic')),
    -- The recommended units as Tracking.Core.Dispatch.Recommendation objects, camelCase, enums as camelCase strings.
    back_up     jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(back_up) = 'array' AND octet_length(back_up::text) <= 1000000),
    cleared_at  timestamptz,
    cleared_by  text CHECK (length(cleared_by) BETWEEN 1 AND 200),
    clear_note  text CHECK (length(clear_note) <= 500),
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((cleared_at IS NULL) = (cleared_by IS NULL)),
    CHECK (cleared_at IS NOT NULL OR clear_note IS NULL)
);
CREATE INDEX alarms_open_idx ON alarms (raised_at) WHERE cleared_at IS NULL;
CREATE INDEX alarms_raised_at_idx ON alarms (raised_at);
