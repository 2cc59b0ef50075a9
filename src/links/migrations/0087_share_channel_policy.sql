-- The link policy per share channel: a shared external listing may be treated differently on one
-- channel than in the `share` scene as a whole ("WeChat groups may open Taobao links; elsewhere use
-- 淘口令"). A missing row means "as the share scene". Changes are audited in link_policy_audit,
-- whose new `channel` column names the channel (null: a scene's rule).
CREATE TABLE link_share_channel_policy (
  marketplace text NOT NULL,
  channel     text NOT NULL CHECK (channel IN ('copy', 'qr', 'poster', 'wechat', 'douyin', 'qq', 'weibo', 'other')),
  mode        text NOT NULL CHECK (mode IN ('link', 'token', 'hidden')),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  uuid REFERENCES users(id) ON DELETE SET NULL,
  PRIMARY KEY (marketplace, channel)
);

ALTER TABLE link_policy_audit ADD COLUMN channel text;
