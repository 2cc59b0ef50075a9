-- Sales: units a partial refund gave back, per line of the order (same order as `lines`; a missing
-- entry is 0). A later whole refund gives back only what is still out, so no unit returns twice.
ALTER TABLE orders ADD COLUMN returned_units jsonb NOT NULL DEFAULT '[]'::jsonb;
