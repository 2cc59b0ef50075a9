-- Sales: orders, payments, campaigns that hold units (flash sales, presales), coupons, buyers'
-- addresses, idempotency keys and the outbox. Money in integer minor units with its currency.
-- Foreign keys reach identity's shops (a shop's sales go with the shop) and users (a buyer's
-- orders are kept: no cascade); products, rooms and shows are referred to by id only, since an
-- order outlives them and carries its own snapshot.

CREATE TABLE buyer_addresses (
  id         uuid PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name       text NOT NULL,
  phone      text NOT NULL,
  region     text NOT NULL,
  city       text NOT NULL,
  line1      text NOT NULL,
  postcode   text NOT NULL DEFAULT '',
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);
CREATE INDEX buyer_addresses_user ON buyer_addresses (user_id, created_at);

-- Units a campaign holds, taken from the product's stock when it is created and given back when
-- it ends: a flash sale (秒杀) sells them in its window; a presale (预售) takes deposits for them.
-- `sold` counts units in live orders (pending, paid…); the CHECK is the last word on overselling.
CREATE TABLE sale_campaigns (
  id                  uuid PRIMARY KEY,
  shop_id             uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  kind                text NOT NULL CHECK (kind IN ('flash', 'presale')),
  room_id             uuid,
  product_id          uuid NOT NULL,
  sku_id              uuid,
  title               text NOT NULL,
  sku_label           text NOT NULL DEFAULT '',
  image_url           text,
  currency            text NOT NULL,
  price_minor         bigint NOT NULL CHECK (price_minor >= 0),
  list_price_minor    bigint NOT NULL CHECK (list_price_minor >= 0),
  units               integer NOT NULL CHECK (units >= 0),
  sold                integer NOT NULL DEFAULT 0 CHECK (sold >= 0 AND sold <= units),
  per_buyer_limit     integer NOT NULL CHECK (per_buyer_limit >= 1),
  starts_at           timestamptz NOT NULL,
  ends_at             timestamptz NOT NULL CHECK (ends_at > starts_at),
  state               text NOT NULL,
  -- presales: the deposit (定金), what it counts for (定金膨胀), the balance (尾款) window
  deposit_minor       bigint CHECK (deposit_minor > 0),
  deposit_worth_minor bigint,
  balance_starts_at   timestamptz,
  balance_ends_at     timestamptz,
  missed_balance      text CHECK (missed_balance IN ('forfeit', 'refund')),
  created_at          timestamptz NOT NULL,
  CHECK (kind = 'flash' OR (deposit_minor IS NOT NULL AND deposit_worth_minor >= deposit_minor
    AND deposit_worth_minor <= price_minor AND balance_starts_at >= ends_at AND balance_ends_at > balance_starts_at
    AND missed_balance IS NOT NULL))
);
CREATE INDEX sale_campaigns_shop ON sale_campaigns (shop_id, created_at);
CREATE INDEX sale_campaigns_room ON sale_campaigns (room_id, ends_at);
CREATE INDEX sale_campaigns_open ON sale_campaigns (state) WHERE state NOT IN ('ended', 'cancelled', 'closed');

-- Units each buyer holds in a campaign: the per-buyer limit checked by the same conditional statement.
CREATE TABLE campaign_buyers (
  campaign_id uuid NOT NULL REFERENCES sale_campaigns(id) ON DELETE CASCADE,
  buyer_id    uuid NOT NULL,
  units       integer NOT NULL CHECK (units >= 0),
  PRIMARY KEY (campaign_id, buyer_id)
);

CREATE TABLE coupons (
  id              uuid PRIMARY KEY,
  shop_id         uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  room_id         uuid,
  title           text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('amount', 'percent')),
  amount_minor    bigint CHECK (amount_minor > 0),
  percent_bp      integer CHECK (percent_bp BETWEEN 1 AND 10000),
  min_spend_minor bigint NOT NULL DEFAULT 0 CHECK (min_spend_minor >= 0),
  currency        text NOT NULL,
  valid_from      timestamptz NOT NULL,
  valid_until     timestamptz NOT NULL CHECK (valid_until > valid_from),
  total           integer NOT NULL CHECK (total >= 1),
  claimed         integer NOT NULL DEFAULT 0 CHECK (claimed >= 0 AND claimed <= total),
  per_buyer_limit integer NOT NULL CHECK (per_buyer_limit >= 1),
  withdrawn_at    timestamptz,
  created_at      timestamptz NOT NULL,
  CHECK ((kind = 'amount') = (amount_minor IS NOT NULL) AND (kind = 'percent') = (percent_bp IS NOT NULL))
);
CREATE INDEX coupons_shop ON coupons (shop_id, created_at);
CREATE INDEX coupons_room ON coupons (room_id, valid_until);

CREATE TABLE coupon_buyers (
  coupon_id uuid NOT NULL REFERENCES coupons(id) ON DELETE CASCADE,
  buyer_id  uuid NOT NULL,
  claims    integer NOT NULL CHECK (claims >= 0),
  PRIMARY KEY (coupon_id, buyer_id)
);

CREATE TABLE coupon_claims (
  id         uuid PRIMARY KEY,
  coupon_id  uuid NOT NULL REFERENCES coupons(id) ON DELETE CASCADE,
  shop_id    uuid NOT NULL,
  buyer_id   uuid NOT NULL,
  order_id   uuid,
  claimed_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX coupon_claims_buyer ON coupon_claims (buyer_id, claimed_at);

CREATE TABLE orders (
  id                  uuid PRIMARY KEY,
  shop_id             uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  buyer_id            uuid NOT NULL REFERENCES users(id),
  room_id             uuid,
  show_id             uuid,
  kind                text NOT NULL CHECK (kind IN ('regular', 'flash', 'presale')),
  campaign_id         uuid REFERENCES sale_campaigns(id),
  state               text NOT NULL,
  currency            text NOT NULL,
  -- snapshot of what was bought: [{ productId, skuId, title, skuLabel, imageUrl, unitPriceMinor, quantity }]
  lines               jsonb NOT NULL,
  units               integer NOT NULL CHECK (units >= 1),
  subtotal_minor      bigint NOT NULL CHECK (subtotal_minor >= 0),
  discount_minor      bigint NOT NULL DEFAULT 0 CHECK (discount_minor >= 0),
  total_minor         bigint NOT NULL CHECK (total_minor >= 0),
  deposit_minor       bigint,
  deposit_worth_minor bigint,
  paid_minor          bigint NOT NULL DEFAULT 0,
  refunded_minor      bigint NOT NULL DEFAULT 0 CHECK (refunded_minor <= paid_minor),
  coupon_claim_id     uuid,
  address             jsonb NOT NULL,
  idempotency_key     text,
  expires_at          timestamptz,
  balance_starts_at   timestamptz,
  balance_ends_at     timestamptz,
  carrier             text,
  tracking_number     text,
  refund_requested_at timestamptz,
  refund_reason       text,
  created_at          timestamptz NOT NULL,
  paid_at             timestamptz,
  shipped_at          timestamptz,
  completed_at        timestamptz,
  closed_at           timestamptz,
  updated_at          timestamptz NOT NULL
);
CREATE INDEX orders_shop ON orders (shop_id, created_at DESC, id DESC);
CREATE INDEX orders_buyer ON orders (buyer_id, created_at DESC, id DESC);
CREATE INDEX orders_show ON orders (show_id) WHERE show_id IS NOT NULL;
CREATE INDEX orders_room_buyer ON orders (room_id, buyer_id);
CREATE INDEX orders_campaign ON orders (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX orders_unpaid ON orders (expires_at) WHERE state = 'pending_payment';

CREATE TABLE payments (
  id             uuid PRIMARY KEY,
  shop_id        uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  order_id       uuid NOT NULL REFERENCES orders(id),
  buyer_id       uuid NOT NULL,
  purpose        text NOT NULL CHECK (purpose IN ('full', 'deposit', 'balance')),
  provider       text NOT NULL,
  amount_minor   bigint NOT NULL CHECK (amount_minor > 0),
  currency       text NOT NULL,
  state          text NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed', 'refunded')),
  provider_ref   text,
  refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor <= amount_minor),
  created_at     timestamptz NOT NULL,
  settled_at     timestamptz
);
CREATE INDEX payments_order ON payments (order_id, created_at);
-- An order is paid once per purpose, whatever arrives twice: a second success is refunded instead.
CREATE UNIQUE INDEX payments_once ON payments (order_id, purpose) WHERE state = 'succeeded';

-- Every callback whose signature verified, by the provider's event id: a replay is seen here.
CREATE TABLE payment_callbacks (
  provider    text NOT NULL,
  event_id    text NOT NULL,
  payment_id  uuid NOT NULL,
  outcome     text NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (provider, event_id)
);

CREATE TABLE refunds (
  id           uuid PRIMARY KEY,
  shop_id      uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  order_id     uuid NOT NULL REFERENCES orders(id),
  payment_id   uuid NOT NULL REFERENCES payments(id),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency     text NOT NULL,
  reason       text NOT NULL,
  state        text NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
  provider_ref text,
  created_at   timestamptz NOT NULL
);
CREATE INDEX refunds_order ON refunds (order_id);
CREATE INDEX refunds_pending ON refunds (created_at) WHERE state = 'pending';

-- The built-in sandbox provider's hosted checkouts (what a real provider keeps on its side).
CREATE TABLE sandbox_checkouts (
  payment_id   uuid PRIMARY KEY,
  token_hash   text NOT NULL,
  amount_minor bigint NOT NULL,
  currency     text NOT NULL,
  description  text NOT NULL,
  return_url   text NOT NULL,
  state        text NOT NULL CHECK (state IN ('open', 'paid', 'failed')),
  created_at   timestamptz NOT NULL
);

-- Idempotency-Key answers, per caller (scope) and key; kept 24 hours.
CREATE TABLE sales_idempotency (
  scope        text NOT NULL,
  key          text NOT NULL,
  fingerprint  text NOT NULL,
  state        text NOT NULL CHECK (state IN ('running', 'done')),
  status       integer,
  body         jsonb,
  locked_until timestamptz,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX sales_idempotency_age ON sales_idempotency (created_at);

-- What happened, written in the transaction of the change. Read in (txid, id) order below the
-- oldest running transaction (sales' index: outbox.read), so a reader never skips a row that
-- commits late with a smaller id.
CREATE TABLE sales_outbox (
  id         bigserial PRIMARY KEY,
  txid       xid8 NOT NULL DEFAULT pg_current_xact_id(),
  shop_id    uuid NOT NULL,
  type       text NOT NULL,
  subject_id uuid NOT NULL,
  payload    jsonb NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX sales_outbox_order ON sales_outbox (txid, id);
