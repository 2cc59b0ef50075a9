-- Shares: short links /s/CODE, share tokens (口令) and QR codes for a room or a product, and the
-- visits that came through them (attribution).

-- One row per share. The code is the link's path, the token's core and the QR's payload at once.
-- room_id / product_id name the target by id only (no foreign key): a share outlives its target
-- and then leads nowhere. sharer_id is null for an anonymous sharer.
CREATE TABLE shares (
  code        text PRIMARY KEY,
  shop_id     uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  target_kind text NOT NULL CHECK (target_kind IN ('room', 'product')),
  room_id     uuid,
  product_id  uuid,
  sharer_id   uuid,
  channel     text NOT NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  revoked_by  uuid,
  CHECK ((target_kind = 'room') = (room_id IS NOT NULL)),
  CHECK ((target_kind = 'product') = (product_id IS NOT NULL))
);
CREATE INDEX shares_shop ON shares (shop_id, created_at DESC, code);
CREATE INDEX shares_sharer ON shares (sharer_id, created_at DESC) WHERE sharer_id IS NOT NULL;

-- One row per visit through /s/CODE (link-preview fetchers are not counted). visitor_id is the
-- browser's own random id (a cookie), viewer_id the account when logged in, show_id the show live
-- in the room at the time.
CREATE TABLE share_visits (
  id          uuid PRIMARY KEY,
  code        text NOT NULL REFERENCES shares(code) ON DELETE CASCADE,
  shop_id     uuid NOT NULL,
  room_id     uuid,
  show_id     uuid,
  visitor_id  text NOT NULL,
  viewer_id   uuid,
  at          timestamptz NOT NULL
);
CREATE INDEX share_visits_code ON share_visits (code, at);
CREATE INDEX share_visits_viewer ON share_visits (viewer_id, at DESC) WHERE viewer_id IS NOT NULL;
CREATE INDEX share_visits_visitor ON share_visits (visitor_id, at DESC);
