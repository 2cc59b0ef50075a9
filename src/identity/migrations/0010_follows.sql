-- Identity: accounts following shops ("my follows"; a followed shop going live shows on the home page).
CREATE TABLE shop_follows (
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  shop_id     uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  followed_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, shop_id)
);
-- "My follows", newest first, paged by (followed_at, shop_id).
CREATE INDEX shop_follows_user ON shop_follows (user_id, followed_at DESC, shop_id DESC);
-- A shop's follower count.
CREATE INDEX shop_follows_shop ON shop_follows (shop_id);
