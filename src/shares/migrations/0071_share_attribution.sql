-- Attribution: what visitors who came through a share did next, credited to that share.

-- The show live in the room when the share was made (per-show reports), null between shows.
ALTER TABLE shares ADD COLUMN show_id uuid;
CREATE INDEX shares_show ON shares (shop_id, show_id) WHERE show_id IS NOT NULL;

-- One row per thing a visitor did after arriving through a share: opened the cart (or an item
-- of it), clicked out to a marketplace, or paid an order (order_id, amount). kind is
-- 'cart.opened' | 'link.clicked' | 'order.paid'. show_id: the show live in the room then (for
-- an order, the order's own show).
CREATE TABLE share_events (
  id            uuid PRIMARY KEY,
  code          text NOT NULL REFERENCES shares(code) ON DELETE CASCADE,
  shop_id       uuid NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('cart.opened', 'link.clicked', 'order.paid')),
  room_id       uuid,
  show_id       uuid,
  visitor_id    text,
  viewer_id     uuid,
  order_id      uuid,
  amount_minor  bigint,
  currency      text,
  at            timestamptz NOT NULL
);
CREATE INDEX share_events_code ON share_events (code, kind);
CREATE INDEX share_events_shop ON share_events (shop_id, show_id, kind);
-- An order is credited once, to one share, however often its paid event is heard.
CREATE UNIQUE INDEX share_events_order ON share_events (order_id) WHERE order_id IS NOT NULL;
