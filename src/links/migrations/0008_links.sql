-- Links: the operator's link policy with its audit log, click-out codes and their clicks.

-- The operator's policy; a missing row means 'link' (open).
CREATE TABLE link_policy (
  marketplace text NOT NULL,
  scene       text NOT NULL CHECK (scene IN ('cart', 'chat', 'share')),
  mode        text NOT NULL CHECK (mode IN ('link', 'token', 'hidden')),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  uuid REFERENCES users(id) ON DELETE SET NULL,
  PRIMARY KEY (marketplace, scene)
);

CREATE TABLE link_policy_audit (
  id          uuid PRIMARY KEY,
  marketplace text NOT NULL,
  scene       text NOT NULL,
  before      text NOT NULL,
  after       text NOT NULL,
  actor_id    uuid REFERENCES users(id) ON DELETE SET NULL,
  actor_name  text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX link_policy_audit_at ON link_policy_audit (at DESC);

-- Click-out codes: /go/CODE leads to one listing, from one room's cart (room_id) or elsewhere.
CREATE TABLE click_links (
  code       text PRIMARY KEY,
  shop_id    uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  listing_id uuid NOT NULL REFERENCES external_listings(id) ON DELETE CASCADE,
  room_id    uuid REFERENCES rooms(id) ON DELETE CASCADE,
  scene      text NOT NULL,
  disabled   boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX click_links_room_listing ON click_links (listing_id, room_id, scene) NULLS NOT DISTINCT;

-- One row per click, for attribution and commission reports. No foreign keys: clicks are kept
-- even when the listing or room is later deleted.
CREATE TABLE link_clicks (
  id          uuid PRIMARY KEY,
  code        text NOT NULL,
  shop_id     uuid NOT NULL,
  listing_id  uuid NOT NULL,
  room_id     uuid,
  show_id     uuid,
  viewer_id   uuid,
  referrer    text,
  clicked_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX link_clicks_shop ON link_clicks (shop_id, clicked_at);
CREATE INDEX link_clicks_listing ON link_clicks (listing_id, clicked_at);
