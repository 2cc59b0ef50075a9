-- Secret rotation: the secret an endpoint had before its last rotation, still used to sign (beside
-- the new one: Standard Webhooks allows several signatures in webhook-signature) until
-- previous_secret_until, so a receiver can switch to the new secret without refusing a request.
ALTER TABLE webhook_endpoints ADD COLUMN previous_secret text;
ALTER TABLE webhook_endpoints ADD COLUMN previous_secret_until timestamptz;
