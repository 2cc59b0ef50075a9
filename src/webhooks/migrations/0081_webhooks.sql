-- Webhooks: a shop's endpoints, the events copied from each owner's outbox (messages), one delivery
-- per endpoint and message (in order per endpoint by seq), every attempt with its request and
-- response, and how far each outbox has been read. A message and its deliveries are written in the
-- transaction that moves the cursor, so a crash loses nothing and repeats nothing.

CREATE TABLE webhook_endpoints (
  id              uuid PRIMARY KEY,
  shop_id         uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  url             text NOT NULL,
  description     text NOT NULL DEFAULT '',
  event_types     text[] NOT NULL,
  -- whsec_ + base64 of 32 random bytes: kept readable, since each request is signed with it.
  secret          text NOT NULL,
  state           text NOT NULL CHECK (state IN ('enabled', 'disabled')),
  disabled_reason text,
  -- A node delivering to this endpoint holds it until then; another node skips it meanwhile.
  lease_until     timestamptz,
  created_at      timestamptz NOT NULL
);
CREATE INDEX webhook_endpoints_shop ON webhook_endpoints (shop_id, created_at DESC, id DESC);

CREATE TABLE webhook_messages (
  id         uuid PRIMARY KEY,
  shop_id    uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  type       text NOT NULL,
  -- Where it came from: the owner's outbox ('sales', 'live', 'cart', 'share') and its event id there,
  -- or 'test' for a test event. The pair is unique: an event read twice is one message.
  source     text NOT NULL,
  source_id  text NOT NULL,
  -- The exact body sent (webhookPayload), as text: the signature covers these bytes.
  body       text NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (source, source_id)
);

CREATE TABLE webhook_deliveries (
  seq             bigserial PRIMARY KEY,
  id              uuid NOT NULL UNIQUE,
  endpoint_id     uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  message_id      uuid NOT NULL REFERENCES webhook_messages(id) ON DELETE CASCADE,
  state           text NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_status     integer,
  created_at      timestamptz NOT NULL,
  finished_at     timestamptz
);
-- The head of each endpoint's queue: its oldest pending delivery.
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (endpoint_id, seq) WHERE state = 'pending';
-- The delivery log, newest first.
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);

CREATE TABLE webhook_attempts (
  delivery_id     uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  attempt         integer NOT NULL,
  at              timestamptz NOT NULL,
  request_headers jsonb NOT NULL,
  request_body    text NOT NULL,
  response_status integer,
  response_body   text,
  error           text,
  duration_ms     integer NOT NULL,
  PRIMARY KEY (delivery_id, attempt)
);

CREATE TABLE webhook_cursors (
  source text PRIMARY KEY,
  cursor text NOT NULL
);
