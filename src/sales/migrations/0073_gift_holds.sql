-- What sales keeps for gifts (the gifts context, docs/sharing.md "Claimable gifts"): a coupon claim
-- held while it is offered to a friend (not usable, not offered twice), and an order bought as a
-- gift: paid by the sender now, shipped to the address the friend gives when claiming it.
ALTER TABLE coupon_claims ADD COLUMN gift_held_at timestamptz;
ALTER TABLE orders ADD COLUMN gift boolean NOT NULL DEFAULT false;
-- The friend who claimed the gift order (an account id, like buyer_id's but with no foreign key:
-- the order is the sender's).
ALTER TABLE orders ADD COLUMN recipient_id uuid;
ALTER TABLE orders ALTER COLUMN address DROP NOT NULL;
-- Only a gift waits for its address.
ALTER TABLE orders ADD CONSTRAINT orders_address_known CHECK (gift OR address IS NOT NULL);
