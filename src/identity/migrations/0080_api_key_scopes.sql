-- Identity: what each API key may do (scopes) and how fast (requests per minute; null: the
-- configured default, HUTONG_API_KEY_RATE_PER_MINUTE). Keys made before scopes existed could do
-- everything a key could, so they get every scope there was.
ALTER TABLE api_keys ADD COLUMN scopes text[] NOT NULL
  DEFAULT '{catalog:read,catalog:write,live:read,live:write,sales:read,sales:write,webhooks}';
ALTER TABLE api_keys ALTER COLUMN scopes DROP DEFAULT;
ALTER TABLE api_keys ADD COLUMN rate_per_minute integer CHECK (rate_per_minute BETWEEN 1 AND 100000);
