-- Catalog: images, product options and SKUs, external listings, commission rates.

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
