-- Live: shows (scheduled -> live -> ended) with their recordings, and each room's stream key.
-- Replay chapters come from the cart context's pins, measured from recording_started_at.

CREATE TABLE shows (
  id                   uuid PRIMARY KEY,
  room_id              uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  title                text NOT NULL,
  cover_url            text,
  scheduled_at         timestamptz,
  state                text NOT NULL CHECK (state IN ('scheduled', 'live', 'ended')),
  started_at           timestamptz,
  ended_at             timestamptz,
  -- When the recorder's first segment began: replay chapter offsets are measured from here.
  recording_started_at timestamptz,
  -- The recording's directory name under the data dir's media/recordings (null: none was made).
  recording            text,
  created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shows_room ON shows (room_id, created_at DESC);
-- One live show per room, enforced by the database whatever the nodes do.
CREATE UNIQUE INDEX shows_one_live_per_room ON shows (room_id) WHERE state = 'live';

-- One current key per room. `key_hash` (SHA-256) authenticates a publish; `key_sealed`
-- (AES-256-GCM under the server's stream-key secret) lets the host reveal it again.
CREATE TABLE stream_keys (
  room_id    uuid PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE,
  key_hash   text NOT NULL UNIQUE,
  key_sealed text NOT NULL,
  rotated_at timestamptz NOT NULL DEFAULT now()
);
