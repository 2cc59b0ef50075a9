-- Live: indexes for discovery's public lists (rooms live now, upcoming shows, recent replays).
CREATE INDEX shows_discovery_live ON shows (started_at DESC, id DESC) WHERE state = 'live';
CREATE INDEX shows_discovery_upcoming ON shows (scheduled_at, id) WHERE state = 'scheduled';
CREATE INDEX shows_discovery_replays ON shows (ended_at DESC, id DESC) WHERE state = 'ended' AND recording IS NOT NULL;
