-- Embed: the origins (scheme://host:port) allowed to frame a shop's rooms at /embed/ROOM and to read
-- their public event stream from a browser. No row: only hutong's own pages may frame them.
CREATE TABLE embed_origins (
  shop_id    uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  origin     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shop_id, origin)
);
