-- External ingest (nginx-rtmp, SRS): which stream publishes to which room, held where every node
-- sees it. The media server may call on_publish on one node and on_publish_done on another; the
-- done must still find the room (by the stream name's hash: the key may have been rotated since)
-- and end its show after the grace period, and every node answers the same ingest state.
-- Rooms and shows are named by id only (live's tables): a row goes when its show ends.
CREATE TABLE media_publishes (
  room_id     uuid PRIMARY KEY,
  show_id     uuid NOT NULL,
  -- sha256 of the stream name (the stream key): never the key itself.
  stream_hash text NOT NULL,
  state       text NOT NULL CHECK (state IN ('publishing', 'reconnecting')),
  changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX media_publishes_stream ON media_publishes (stream_hash);
