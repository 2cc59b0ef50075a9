-- Cart: the room's current cart, used by whatever show is live. Exactly one of product/listing.
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
