-- Where each device was, coarsely: per device and ten-minute bucket of device time (UTC), the
-- bounding box of its fixes in that bucket AND in the bucket before. A track segment no longer
-- than ten minutes ends in some bucket b and starts in b or the bucket before, so both its ends,
-- and with them the whole straight segment, lie inside the box of b. Retrospective presence asks
-- this table which devices came near an area in a period and reads only their tracks, and stays exact.
-- Boxes only ever grow (duplicates and replays add nothing wrong: a larger box is still right).
CREATE TABLE track_boxes (
    device_id text NOT NULL,
    bucket    timestamptz NOT NULL,   -- start of the ten-minute bucket, UTC
    min_lon   double precision NOT NULL,
    min_lat   double precision NOT NULL,
    max_lon   double precision NOT NULL,
    max_lat   double precision NOT NULL,
    PRIMARY KEY (device_id, bucket)
);
CREATE INDEX track_boxes_bucket_idx ON track_boxes (bucket);

-- The start of the ten-minute bucket of a time, in UTC.
CREATE FUNCTION track_bucket(t timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT date_bin('10 minutes', t, TIMESTAMPTZ '2000-01-01 00:00:00+00')
$$;

-- Fixes stored before this table existed.
INSERT INTO track_boxes (device_id, bucket, min_lon, min_lat, max_lon, max_lat)
SELECT device_id, bucket, min(lon), min(lat), max(lon), max(lat)
FROM (
    SELECT device_id, track_bucket(device_time) AS bucket, ST_X(position) AS lon, ST_Y(position) AS lat FROM fixes
    UNION ALL
    SELECT device_id, track_bucket(device_time) + interval '10 minutes', ST_X(position), ST_Y(position) FROM fixes
) AS spread
GROUP BY device_id, bucket;
