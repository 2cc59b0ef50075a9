-- What happened to shows (show.started, show.ended), written in the transaction that moved the
-- show. Read in (txid, id) order below the oldest running transaction (live's index: shows.outbox),
-- so a reader — webhooks — never skips a row that commits late with a smaller id.
CREATE TABLE live_outbox (
  id         bigserial PRIMARY KEY,
  txid       xid8 NOT NULL DEFAULT pg_current_xact_id(),
  shop_id    uuid NOT NULL,
  type       text NOT NULL,
  subject_id uuid NOT NULL,
  payload    jsonb NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX live_outbox_order ON live_outbox (txid, id);
