-- Stored tracks cut into short pieces that know where they were, so that presence in one area over a week reads the
-- pieces that came near it instead of every fix of the week (Tracking.Storage.Tracks.TrackChunks). A chunk holds the
-- consecutive fixes of one device within one local day and about a kilometre, led by its predecessor (the fix before
-- its first own fix, when no more than ten minutes before): its box holds every segment that ends in it. Cut in the
-- background from `fixes`, which stays the record; a day whose fixes changed after its chunks were cut (a late fix bumps
-- `track_day_versions`) is read from `fixes` until it is cut again.
CREATE TABLE track_chunks (
    device_id text NOT NULL,
    day       date NOT NULL,       -- local (Europe/London) day of the chunk's own fixes
    span      tstzrange NOT NULL,  -- from the first point (the predecessor, if any) to the last, both included
    extent    box NOT NULL,        -- longitude/latitude box of every point
    points    bytea NOT NULL       -- TrackChunkCodec
);
CREATE INDEX track_chunks_where_when_idx ON track_chunks USING gist (extent, span);
CREATE INDEX track_chunks_day_device_idx ON track_chunks (day, device_id);

-- Per device and local day: the version of `track_day_versions` (0 when it has no row) the day's chunks were cut at.
-- Chunks count only while that is still the day's version.
CREATE TABLE track_chunk_days (
    device_id text NOT NULL,
    day       date NOT NULL,
    version   bigint NOT NULL,
    PRIMARY KEY (device_id, day)
);

-- Every fix with a device time before built_until is in a chunk, or in a device's day whose version moved on since.
CREATE TABLE track_chunk_progress (
    only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    built_until timestamptz NOT NULL
);

-- The ten-minute boxes that chunks replace: they were kept by every batch of the fix writer, and still had to read
-- whole tracks.
DROP TABLE track_boxes;
DROP FUNCTION track_bucket(timestamptz);
