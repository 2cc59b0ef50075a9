-- Claimable gifts (docs/sharing.md, "Claimable gifts"): a coupon claim or a paid gift order that a
-- buyer sends to a friend as a short link /g/CODE, a token and a QR code. The coupon claim and the
-- order are sales'; they are named by id only (no foreign key) and moved through sales' index.

-- One row per gift. `code` is the claim link's path, the token's core and the QR's payload (shares'
-- code machinery: 11 characters, ≈ 63.9 bits). state: open → claimed | returned; what: a snapshot
-- of the coupon or the product, for the pages.
CREATE TABLE gifts (
  id              uuid PRIMARY KEY,
  code            text NOT NULL UNIQUE,
  shop_id         uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  sender_id       uuid NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('coupon', 'product')),
  coupon_claim_id uuid,
  order_id        uuid,
  what            jsonb NOT NULL,
  message         text,
  state           text NOT NULL CHECK (state IN ('open', 'claimed', 'returned')),
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  claimed_by      uuid,
  claimed_at      timestamptz,
  returned_at     timestamptz,
  CHECK ((kind = 'coupon') = (coupon_claim_id IS NOT NULL)),
  CHECK ((kind = 'product') = (order_id IS NOT NULL)),
  CHECK ((state = 'claimed') = (claimed_by IS NOT NULL))
);
-- A coupon claim is offered by one open gift at a time; an order is given once, ever.
CREATE UNIQUE INDEX gifts_open_claim ON gifts (coupon_claim_id) WHERE state = 'open';
CREATE UNIQUE INDEX gifts_order ON gifts (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX gifts_sender ON gifts (sender_id, created_at DESC, id DESC);
-- The sweep's work: open gifts by deadline.
CREATE INDEX gifts_due ON gifts (expires_at) WHERE state = 'open';

-- What happened (gift.claimed, gift.returned), written in the transaction of the change and read in
-- (txid, id) order below the oldest running transaction, like sales' outbox: the webhooks read it
-- through the gifts index (outbox.read), never this table.
CREATE TABLE gifts_outbox (
  id         bigserial PRIMARY KEY,
  txid       xid8 NOT NULL DEFAULT pg_current_xact_id(),
  shop_id    uuid NOT NULL,
  type       text NOT NULL,
  subject_id uuid NOT NULL,
  payload    jsonb NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX gifts_outbox_order ON gifts_outbox (txid, id);
