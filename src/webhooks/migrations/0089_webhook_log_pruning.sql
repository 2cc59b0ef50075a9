-- Pruning the delivery log (docs/config.md, HUTONG_OUTBOX_RETENTION_DAYS): finished deliveries by
-- when they finished, then messages no delivery names any more — each found by an index, not a scan.
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (finished_at) WHERE state <> 'pending';
CREATE INDEX webhook_deliveries_message ON webhook_deliveries (message_id);
CREATE INDEX webhook_messages_created ON webhook_messages (created_at);
