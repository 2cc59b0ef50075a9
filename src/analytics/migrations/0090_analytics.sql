-- Analytics: each show's per-minute series, its per-product counts, and where the reader of the
-- sales outbox stands (docs/metrics.md defines every column).

-- A show with numbers, and whose it is: every read is scoped by shop_id.
CREATE TABLE analytics_shows (
  show_id   uuid PRIMARY KEY,
  shop_id   uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  room_id   uuid NOT NULL,
  -- The room's slug as the last sample saw it (the overview links to the room).
  room_slug text,
  -- The currency of the show's first order (GMV is summed in it; orders in another are not added).
  currency  text,
  -- Online at the last sample (any node's: every node sees the room's total), for "busiest rooms".
  online_now integer NOT NULL DEFAULT 0,
  sampled_at timestamptz,
  first_at  timestamptz NOT NULL,
  last_at   timestamptz NOT NULL
);
CREATE INDEX analytics_shows_of_shop ON analytics_shows (shop_id, first_at DESC, show_id DESC);
CREATE INDEX analytics_shows_sampled ON analytics_shows (sampled_at DESC);

CREATE TABLE analytics_minutes (
  show_id         uuid NOT NULL REFERENCES analytics_shows(show_id) ON DELETE CASCADE,
  minute          timestamptz NOT NULL,
  -- Samples of the room's own totals, which every node sees alike: nodes merge them with GREATEST,
  -- so two nodes writing the same minute never add up.
  online_peak     integer NOT NULL DEFAULT 0,
  pcu             integer NOT NULL DEFAULT 0,
  views           bigint NOT NULL DEFAULT 0,
  unique_viewers  bigint NOT NULL DEFAULT 0,
  likes           bigint NOT NULL DEFAULT 0,
  chat            bigint NOT NULL DEFAULT 0,
  watch_seconds   double precision NOT NULL DEFAULT 0,
  -- Happenings, each counted once, by the node where it happened: nodes merge them by addition.
  cart_opens      integer NOT NULL DEFAULT 0,
  own_clicks      integer NOT NULL DEFAULT 0,
  external_clicks integer NOT NULL DEFAULT 0,
  follows         integer NOT NULL DEFAULT 0,
  shares          integer NOT NULL DEFAULT 0,
  -- Sales, from the sales outbox, each event once (the cursor moves in the same transaction).
  orders          integer NOT NULL DEFAULT 0,
  units           integer NOT NULL DEFAULT 0,
  gmv_minor       bigint NOT NULL DEFAULT 0,
  paid_orders     integer NOT NULL DEFAULT 0,
  paid_minor      bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (show_id, minute)
);

-- Per product (own product or external listing) of a show: the per-product funnel.
CREATE TABLE analytics_products (
  show_id     uuid NOT NULL REFERENCES analytics_shows(show_id) ON DELETE CASCADE,
  product_id  uuid NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('product', 'listing')),
  clicks      integer NOT NULL DEFAULT 0,
  orders      integer NOT NULL DEFAULT 0,
  units       integer NOT NULL DEFAULT 0,
  gmv_minor   bigint NOT NULL DEFAULT 0,
  paid_orders integer NOT NULL DEFAULT 0,
  paid_minor  bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (show_id, product_id)
);

-- Shares of a show by sharer and channel (filled once share events exist).
CREATE TABLE analytics_sharers (
  show_id  uuid NOT NULL REFERENCES analytics_shows(show_id) ON DELETE CASCADE,
  sharer   text NOT NULL,
  channel  text NOT NULL,
  shares   integer NOT NULL DEFAULT 0,
  PRIMARY KEY (show_id, sharer, channel)
);

-- Where each reader of another context's outbox stands (an opaque cursor that context gave out).
CREATE TABLE analytics_cursors (
  reader   text PRIMARY KEY,
  position text
);
INSERT INTO analytics_cursors (reader, position) VALUES ('sales.outbox', NULL);
