-- Catalog: a shop's own products. Prices in integer minor units.
CREATE TABLE products (
  id          uuid PRIMARY KEY,
  shop_id     uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  title       text NOT NULL,
  description text NOT NULL DEFAULT '',
  price_minor bigint NOT NULL CHECK (price_minor >= 0),
  currency    text NOT NULL,
  stock       integer NOT NULL CHECK (stock >= 0),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_shop ON products (shop_id, created_at);
