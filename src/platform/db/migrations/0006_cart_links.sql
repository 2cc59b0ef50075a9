-- Catalog: images, product options and SKUs, external listings, commission rates.
-- Room cart and pins (live). Link policy, its audit log, click-out codes and clicks (links).

-- An uploaded image; its bytes live in the blob store under images/<shop_id>/<id>.
CREATE TABLE catalog_images (
  id           uuid PRIMARY KEY,
  shop_id      uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  content_type text NOT NULL,
  bytes        integer NOT NULL CHECK (bytes > 0),
  width        integer NOT NULL CHECK (width > 0),
  height       integer NOT NULL CHECK (height > 0),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX catalog_images_shop ON catalog_images (shop_id);

ALTER TABLE products ADD COLUMN image_ids jsonb NOT NULL DEFAULT '[]';
ALTER TABLE products ADD COLUMN options jsonb NOT NULL DEFAULT '[]';

-- One row per combination of option values; option_key is that combination in option order.
CREATE TABLE product_skus (
  id          uuid PRIMARY KEY,
  shop_id     uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  product_id  uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  position    integer NOT NULL,
  options     jsonb NOT NULL,
  option_key  text NOT NULL,
  price_minor bigint NOT NULL CHECK (price_minor >= 0),
  stock       integer NOT NULL CHECK (stock >= 0),
  UNIQUE (product_id, option_key)
);
CREATE INDEX product_skus_product ON product_skus (shop_id, product_id, position);

CREATE TABLE external_listings (
  id                 uuid PRIMARY KEY,
  shop_id            uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  marketplace        text NOT NULL,
  item_id            text,
  canonical_url      text NOT NULL CHECK (canonical_url ~ '^https?://'),
  title              text NOT NULL,
  price_minor        bigint CHECK (price_minor >= 0),
  currency           text NOT NULL,
  image_id           uuid REFERENCES catalog_images(id) ON DELETE SET NULL,
  commission_rate_bp integer CHECK (commission_rate_bp BETWEEN 0 AND 10000),
  enabled            boolean NOT NULL DEFAULT true,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX external_listings_shop ON external_listings (shop_id, created_at);

-- A shop's default rates: marketplace 'own' for its own goods.
CREATE TABLE commission_defaults (
  shop_id     uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  marketplace text NOT NULL,
  rate_bp     integer NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
  PRIMARY KEY (shop_id, marketplace)
);

-- Live: the room's current cart, used by whatever show is live. Exactly one of product/listing.
CREATE TABLE room_cart_items (
  id         uuid PRIMARY KEY,
  shop_id    uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  room_id    uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  product_id uuid REFERENCES products(id) ON DELETE CASCADE,
  listing_id uuid REFERENCES external_listings(id) ON DELETE CASCADE,
  position   integer NOT NULL,
  added_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((product_id IS NULL) <> (listing_id IS NULL)),
  UNIQUE (room_id, product_id),
  UNIQUE (room_id, listing_id)
);
CREATE INDEX room_cart_items_room ON room_cart_items (room_id, position);

-- Explaining moments. The open pin (unpinned_at IS NULL) is at most one per room: the partial
-- unique index is what makes "one at a time" hold under concurrent pins. Rows outlive the cart
-- item (title kept) so replay chapters survive later cart edits.
CREATE TABLE room_pins (
  id           uuid PRIMARY KEY,
  shop_id      uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  room_id      uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  cart_item_id uuid REFERENCES room_cart_items(id) ON DELETE SET NULL,
  kind         text NOT NULL CHECK (kind IN ('product', 'listing')),
  ref_id       uuid NOT NULL,
  title        text NOT NULL,
  pinned_at    timestamptz NOT NULL,
  unpinned_at  timestamptz
);
CREATE UNIQUE INDEX room_pins_open ON room_pins (room_id) WHERE unpinned_at IS NULL;
CREATE INDEX room_pins_room ON room_pins (room_id, pinned_at);

-- Links: the operator's policy; a missing row means 'link' (open).
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
