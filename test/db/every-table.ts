import type { Queryable } from '../../src/platform/db/db.port';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = '2026-11-20T10:00:00.000Z';

/**
 * One or more rows in every table of release b01f6cb's schema, linked as the app links them (a shop
 * with a member, a room with a show, a cart holding a product and a listing, a click on it…).
 * Returns the tables it filled.
 */
export async function insertEveryTable(db: Queryable): Promise<string[]> {
  const [user, shop, product, sku, image, listing, room, show, chat, cartProduct, cartListing, pin, audit, click, apiKey] =
    Array.from({ length: 15 }, (_, i) => id(i + 1));
  const rows: [string, string, unknown[]][] = [
    ['users', '(id, email, password_hash, display_name, is_operator)', [user, 'ops@example.test', '$argon2id$x', 'Ops', true]],
    ['shops', '(id, slug, name)', [shop, 'shop', '店']],
    ['shop_members', '(shop_id, user_id, role)', [shop, user, 'owner']],
    ['sessions', '(token_hash, user_id, expires_at)', ['a'.repeat(64), user, at]],
    ['api_keys', '(id, shop_id, name, prefix, key_hash, created_by)', [apiKey, shop, 'k', 'htk_ab', 'b'.repeat(64), user]],
    ['catalog_images', '(id, shop_id, content_type, bytes, width, height)', [image, shop, 'image/png', 10, 2, 2]],
    [
      'products',
      '(id, shop_id, title, price_minor, currency, stock, image_ids, options)',
      [product, shop, '茶', 1999, 'CNY', 5, JSON.stringify([image]), JSON.stringify([{ name: 'size', values: ['S'] }])],
    ],
    ['product_skus', '(id, shop_id, product_id, position, options, option_key, price_minor, stock)', [sku, shop, product, 0, JSON.stringify({ size: 'S' }), '["S"]', 1999, 5]],
    [
      'external_listings',
      '(id, shop_id, marketplace, item_id, canonical_url, title, price_minor, currency, image_id, commission_rate_bp)',
      [listing, shop, 'jd', '100', 'https://item.jd.com/100.html', 'JD item', 500, 'CNY', image, 300],
    ],
    ['commission_defaults', '(shop_id, marketplace, rate_bp)', [shop, 'own', 150]],
    ['rooms', '(id, shop_id, slug, title)', [room, shop, 'room', '直播间']],
    ['chat_messages', '(id, room_id, viewer_id, name, role, body, created_at)', [chat, room, 'u:1', 'Ops', 'host', '你好', at]],
    ['chat_bans', '(shop_id, viewer_id)', [shop, 'a:bad']],
    ['chat_mutes', '(room_id, viewer_id, until)', [room, 'a:loud', at]],
    ['chat_shop_settings', '(shop_id, banned_words)', [shop, JSON.stringify(['spam'])]],
    ['chat_room_settings', '(room_id, slow_mode_seconds)', [room, 5]],
    ['shows', '(id, room_id, title, state, started_at, recording_started_at, recording)', [show, room, 'Show', 'live', at, at, 'rec-1']],
    ['stream_keys', '(room_id, key_hash, key_sealed)', [room, 'c'.repeat(64), 'iv.tag.body']],
    ['room_cart_items', '(id, shop_id, room_id, product_id, position)', [cartProduct, shop, room, product, 1]],
    ['room_cart_items', '(id, shop_id, room_id, listing_id, position)', [cartListing, shop, room, listing, 2]],
    ['room_pins', '(id, shop_id, room_id, cart_item_id, kind, ref_id, title, pinned_at)', [pin, shop, room, cartListing, 'listing', listing, 'JD item', at]],
    ['link_policy', '(marketplace, scene, mode, updated_by)', ['taobao', 'chat', 'token', user]],
    ['link_policy_audit', '(id, marketplace, scene, before, after, actor_id, actor_name)', [audit, 'taobao', 'chat', 'link', 'token', user, 'Ops']],
    ['click_links', '(code, shop_id, listing_id, room_id, scene)', ['abcdEFGH23', shop, listing, room, 'cart']],
    ['link_clicks', '(id, code, shop_id, listing_id, room_id, show_id, referrer)', [click, 'abcdEFGH23', shop, listing, room, show, 'https://example.test/']],
  ];
  for (const [table, columns, values] of rows) {
    await db.query(`INSERT INTO ${table} ${columns} VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`, values);
  }
  return [...new Set(rows.map(([table]) => table))];
}
