-- What happened to a room's explaining card (item.pinned), written in the transaction that pinned
-- it. Read in (txid, id) order below the oldest running transaction (cart's index: cart.outbox), so
-- a reader — webhooks — never skips a row that commits late with a smaller id.
CREATE TABLE cart_outbox (
  id         bigserial PRIMARY KEY,
  txid       xid8 NOT NULL DEFAULT pg_current_xact_id(),
  shop_id    uuid NOT NULL,
  type       text NOT NULL,
  subject_id uuid NOT NULL,
  payload    jsonb NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX cart_outbox_order ON cart_outbox (txid, id);
