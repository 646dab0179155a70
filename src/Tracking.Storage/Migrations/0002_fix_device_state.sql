-- What some devices report beside the position: satellites and HDOP (NMEA GGA), battery (phones, trackers),
-- and the emergency flag (a radio's emergency button, TETRA LIP reason for sending).
-- Nullable or with a constant default, so adding them rewrites no partition.
ALTER TABLE fixes
    ADD COLUMN satellites smallint,
    ADD COLUMN hdop       real,
    ADD COLUMN battery    real,       -- percent
    ADD COLUMN emergency  boolean NOT NULL DEFAULT false;
