-- Shares of a room's external listing (a Taobao, JD… item): what it becomes is the operator's link
-- policy for the `share` scene, decided at each visit.
ALTER TABLE shares ADD COLUMN listing_id uuid;
ALTER TABLE shares DROP CONSTRAINT shares_target_kind_check;
ALTER TABLE shares ADD CONSTRAINT shares_target_kind_check CHECK (target_kind IN ('room', 'product', 'listing'));
ALTER TABLE shares ADD CONSTRAINT shares_listing_check CHECK ((target_kind = 'listing') = (listing_id IS NOT NULL));
