-- A crew member may carry a phone (OwnTracks, OsmAnd) besides, or instead of, a radio: its fixes and status belong
-- to its carrier as a radio's do. Added without a default, so existing rows are not rewritten.
ALTER TABLE shift_crew
    ADD COLUMN phone_device_id text REFERENCES devices (id);
-- Deleting a device looks for rows that still point at it.
CREATE INDEX shift_crew_phone_idx ON shift_crew (phone_device_id) WHERE phone_device_id IS NOT NULL;
