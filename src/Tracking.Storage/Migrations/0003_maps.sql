-- The force's map: micro-beats, stations, roads, and priority locations with every version kept,
-- so a report for a past period uses the location as it was then. All geometry WGS84 lon/lat.
-- btree_gist lets one exclusion constraint keep a location's versions from overlapping in time.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- One row: the map's name and the projection the engine measures in ('EPSG:27700' or 'local(lon,lat)').
CREATE TABLE force_map (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    name       text NOT NULL,
    projection text NOT NULL
);

CREATE TABLE stations (
    id       text PRIMARY KEY,
    name     text NOT NULL,
    position geometry(Point, 4326) NOT NULL
);

-- A beat given as one Polygon is stored as a one-part MultiPolygon (and read back as the Polygon).
CREATE TABLE beats (
    id      text PRIMARY KEY,
    name    text NOT NULL,
    team    text,
    -- A station id; no foreign key, since a force's beat file may name stations it did not send.
    station text,
    area    geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(area))
);
CREATE INDEX beats_area_idx ON beats USING gist (area);

-- One row per version: [valid_from, valid_to), valid_to NULL while current. '-infinity' for "always".
CREATE TABLE priority_locations (
    location_id     text NOT NULL,
    version         integer NOT NULL CHECK (version >= 1),
    valid_from      timestamptz NOT NULL,
    valid_to        timestamptz,
    name            text NOT NULL,
    shape           geometry(Geometry, 4326) NOT NULL,
    radius_m        double precision NOT NULL DEFAULT 0,
    visits_per_day  integer CHECK (visits_per_day >= 0),
    minutes_per_day double precision CHECK (minutes_per_day >= 0),
    beat_id         text,
    PRIMARY KEY (location_id, version),
    CHECK (valid_to IS NULL OR valid_to > valid_from),
    CHECK (GeometryType(shape) IN ('POINT', 'POLYGON', 'MULTIPOLYGON')),
    -- A point is a circle of its radius (at most 5 km, past which a polygon says better what is meant); a polygon has none.
    CHECK (CASE WHEN GeometryType(shape) = 'POINT' THEN radius_m > 0 AND radius_m <= 5000 ELSE radius_m = 0 END),
    CHECK (GeometryType(shape) = 'POINT' OR ST_IsValid(shape)),
    EXCLUDE USING gist (location_id WITH =, tstzrange(valid_from, valid_to) WITH &&)
);
-- At most one open (current) version per location.
CREATE UNIQUE INDEX priority_locations_open_idx ON priority_locations (location_id) WHERE valid_to IS NULL;
CREATE INDEX priority_locations_shape_idx ON priority_locations USING gist (shape);

-- The road network as imported (an OSM way or a GeoJSON LineString per row); class is the OSM highway value.
CREATE TABLE roads (
    id        text PRIMARY KEY,
    name      text,
    class     text NOT NULL,
    speed_mps double precision NOT NULL CHECK (speed_mps > 0),
    oneway    boolean NOT NULL,
    geom      geometry(LineString, 4326) NOT NULL
);
CREATE INDEX roads_geom_idx ON roads USING gist (geom);
