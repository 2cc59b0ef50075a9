-- Live: a cancelled show is its own state, not `ended` (which means it ran). Shows cancelled
-- before this release were ended without ever starting: they become `cancelled`.
ALTER TABLE shows DROP CONSTRAINT shows_state_check;
ALTER TABLE shows ADD CONSTRAINT shows_state_check CHECK (state IN ('scheduled', 'live', 'ended', 'cancelled'));
UPDATE shows SET state = 'cancelled' WHERE state = 'ended' AND started_at IS NULL;
