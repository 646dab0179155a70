-- No query reads fixes by position any more: "everything in an area over a time range" goes through track_chunks
-- (0011, a GiST index over each ten-minute piece's box and time span) and then by device and time through the
-- primary key. The GiST index on every fix's position was the largest part of PostgreSQL's work per stored fix.
DROP INDEX IF EXISTS fixes_position_idx;

-- What does read fixes by time alone is the tail not yet cut into chunks (every device, the last minutes) and a
-- day's rebuild. Fixes arrive in device-time order within each day's partition, so a block-range index finds a
-- time range for a tiny fraction of a B-tree's upkeep.
CREATE INDEX fixes_time_brin_idx ON fixes USING brin (device_time) WITH (autosummarize = on);
