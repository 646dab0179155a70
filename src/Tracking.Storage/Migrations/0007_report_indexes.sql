-- The reports read every stay that began in a period, whatever its area.
CREATE INDEX visits_enter_idx ON visits (enter_time);
