-- Hosts the operator has checked: a click-out to an "other" link on one of these redirects at once,
-- any other "other" link shows the leaving-hutong page first (docs/cart-and-links.md, "Click-out").
CREATE TABLE link_verified_hosts (
  host        text PRIMARY KEY,
  verified_at timestamptz NOT NULL DEFAULT now(),
  -- Who verified it; no foreign key: the audit below keeps the name, and the host stays verified
  -- when that account goes.
  verified_by uuid
);

-- Every verification and withdrawal, newest first in the ops screen.
CREATE TABLE link_host_audit (
  id         uuid PRIMARY KEY,
  host       text NOT NULL,
  verified   boolean NOT NULL,
  actor_id   uuid,
  actor_name text NOT NULL,
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX link_host_audit_at ON link_host_audit (at DESC);
