-- Live: a shop's rooms, each reached at /live/SLUG.
CREATE TABLE rooms (
  id         uuid PRIMARY KEY,
  shop_id    uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  slug       text NOT NULL UNIQUE,
  title      text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rooms_shop ON rooms (shop_id);
