-- Realtime: chat kept for moderation and replay, and the moderation state of shops and rooms.
CREATE TABLE chat_messages (
  id         uuid PRIMARY KEY,
  room_id    uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  viewer_id  text NOT NULL,
  name       text NOT NULL,
  role       text NOT NULL,
  body       text NOT NULL,
  created_at timestamptz NOT NULL,
  deleted_at timestamptz
);
CREATE INDEX chat_messages_room_time ON chat_messages (room_id, created_at DESC);

-- A ban covers every room of the shop; a mute one room until a time.
CREATE TABLE chat_bans (
  shop_id    uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  viewer_id  text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shop_id, viewer_id)
);

CREATE TABLE chat_mutes (
  room_id   uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  viewer_id text NOT NULL,
  until     timestamptz NOT NULL,
  PRIMARY KEY (room_id, viewer_id)
);

CREATE TABLE chat_shop_settings (
  shop_id      uuid PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
  banned_words jsonb NOT NULL DEFAULT '[]'
);

CREATE TABLE chat_room_settings (
  room_id           uuid PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE,
  slow_mode_seconds integer NOT NULL DEFAULT 0
);
