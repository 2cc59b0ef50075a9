/**
 * The error catalogue: every code the API can answer with, its HTTP status and default message.
 * docs/errors.md documents each code; a test keeps the two in sync. The web app translates by code.
 * Codes are CONTEXT_WHAT.
 */
export const errorCatalogue = {
  // Edge: malformed requests, before any context is reached.
  HTTP_VALIDATION_FAILED: { status: 400, message: 'The request is invalid.' },
  HTTP_MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  HTTP_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The request body has an unsupported content type.' },
  HTTP_BODY_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  HTTP_NOT_FOUND: { status: 404, message: 'No such route.' },
  HTTP_RATE_LIMITED: { status: 429, message: 'Too many requests; try again later.' },
  HTTP_INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  HTTP_UNAVAILABLE: { status: 503, message: 'The service is not ready.' },
  HTTP_CROSS_SITE_REFUSED: { status: 403, message: 'This change must be made from hutong itself.' },

  // Identity.
  IDENTITY_UNAUTHENTICATED: { status: 401, message: 'Log in first.' },
  IDENTITY_SESSION_EXPIRED: { status: 401, message: 'Your session has expired; log in again.' },
  IDENTITY_INVALID_CREDENTIALS: { status: 401, message: 'Wrong email or password.' },
  IDENTITY_INVALID_API_KEY: { status: 401, message: 'The API key is invalid or revoked.' },
  IDENTITY_LOGIN_RATE_LIMITED: { status: 429, message: 'Too many login attempts; wait a few minutes.' },
  IDENTITY_PASSWORD_WEAK: { status: 400, message: 'Choose a password of at least 10 characters that is not a common one.' },
  IDENTITY_EMAIL_TAKEN: { status: 409, message: 'An account with this email already exists.' },
  IDENTITY_FORBIDDEN: { status: 403, message: 'You are not allowed to do this.' },
  IDENTITY_SHOP_NOT_FOUND: { status: 404, message: 'No such shop.' },
  IDENTITY_SHOP_SLUG_TAKEN: { status: 409, message: 'A shop with this slug already exists.' },
  IDENTITY_USER_NOT_FOUND: { status: 404, message: 'No account with this email.' },
  IDENTITY_MEMBER_NOT_FOUND: { status: 404, message: 'No such member in this shop.' },
  IDENTITY_LAST_OWNER: { status: 409, message: 'A shop must keep at least one owner.' },
  IDENTITY_API_KEY_NOT_FOUND: { status: 404, message: 'No such API key in this shop.' },
  IDENTITY_API_KEY_SCOPE: { status: 403, message: 'This API key lacks the scope for this.' },
  IDENTITY_API_KEY_RATE_LIMITED: { status: 429, message: 'This API key made too many requests; wait until the rate limit resets.' },

  // Webhooks.
  WEBHOOKS_ENDPOINT_NOT_FOUND: { status: 404, message: 'No such webhook endpoint in this shop.' },
  WEBHOOKS_DELIVERY_NOT_FOUND: { status: 404, message: 'No such delivery of this webhook endpoint.' },

  // Catalog.
  CATALOG_PRODUCT_NOT_FOUND: { status: 404, message: 'No such product in this shop.' },
  CATALOG_LISTING_NOT_FOUND: { status: 404, message: 'No such external listing in this shop.' },
  CATALOG_IMAGE_NOT_FOUND: { status: 404, message: 'No such image.' },
  CATALOG_IMAGE_INVALID: { status: 400, message: 'The upload is not an image.' },
  CATALOG_IMAGE_TYPE_REFUSED: { status: 415, message: 'Only PNG, JPEG, GIF and WebP images are accepted.' },
  CATALOG_IMAGE_TOO_LARGE: { status: 413, message: 'The image is too large.' },
  CATALOG_SKU_OPTION_UNKNOWN: { status: 400, message: 'A SKU names an option or value the product does not have.' },
  CATALOG_SKU_DUPLICATE: { status: 400, message: 'Two SKUs (or two options or values) are the same.' },

  // Links.
  LINKS_URL_INVALID: { status: 400, message: 'This is not a web address.' },
  LINKS_URL_TOO_LONG: { status: 400, message: 'The address is too long.' },
  LINKS_URL_SCHEME_REFUSED: { status: 400, message: 'Only http and https addresses are accepted.' },
  LINKS_URL_CREDENTIALS_REFUSED: { status: 400, message: 'Addresses with a user name or password are refused.' },
  LINKS_URL_HOST_REFUSED: { status: 400, message: 'Addresses on a private, loopback or link-local host are refused.' },
  LINKS_CLICKOUT_RATE_LIMITED: { status: 429, message: 'Too many links opened; wait a minute.' },

  // Live.
  LIVE_ROOM_NOT_FOUND: { status: 404, message: 'No such room.' },
  LIVE_ROOM_SLUG_TAKEN: { status: 409, message: 'A room with this slug already exists.' },
  LIVE_CART_ITEM_NOT_FOUND: { status: 404, message: "No such item in this room's cart." },
  LIVE_CART_ITEM_PRESENT: { status: 409, message: 'This item is already in the cart.' },
  LIVE_CART_FULL: { status: 409, message: 'The cart is full (200 items).' },
  LIVE_CART_ORDER_MISMATCH: { status: 400, message: "The new order must list every item of the cart exactly once." },
  LIVE_CART_ITEM_HIDDEN: { status: 409, message: 'Viewers cannot see this item (link policy or a disabled listing), so it cannot be pinned.' },
  LIVE_SHOW_NOT_FOUND: { status: 404, message: 'No such show in this room.' },
  LIVE_SHOW_IN_PAST: { status: 400, message: 'A show cannot be scheduled in the past.' },
  LIVE_SHOW_NOT_CANCELLABLE: { status: 409, message: 'Only a show that has not started can be cancelled.' },

  // Realtime: error frames on the room socket (docs/protocol.md) and moderation routes.
  REALTIME_CHAT_EMPTY: { status: 400, message: "The message is empty." },
  REALTIME_CHAT_TOO_LONG: { status: 400, message: "A chat message has at most 200 characters." },
  REALTIME_CHAT_RATE_LIMITED: { status: 429, message: "You are sending messages too fast." },
  REALTIME_CHAT_DUPLICATE: { status: 409, message: "You just sent the same message." },
  REALTIME_CHAT_BANNED_WORD: { status: 400, message: "The message contains a word that is not allowed here." },
  REALTIME_MUTED: { status: 403, message: "You are muted in this room for now." },
  REALTIME_BANNED: { status: 403, message: "You are banned from this shop's rooms." },
  REALTIME_SLOW_MODE: { status: 429, message: "Slow mode is on: wait before sending again." },
  REALTIME_BAD_FRAME: { status: 400, message: "The socket frame is malformed." },
  REALTIME_MESSAGE_NOT_FOUND: { status: 404, message: "No such chat message in this room." },

  // Embed and the live event stream (docs/embed.md, docs/events.md).
  EMBED_ORIGIN_REFUSED: { status: 403, message: "This website may not show this shop's rooms." },
  STREAM_TOO_MANY: { status: 429, message: 'Too many event streams are open from this address.' },

  // Sales: orders, payments, flash sales, presales, coupons (docs/sales.md).
  SALES_IDEMPOTENCY_KEY_MISSING: { status: 400, message: "This call needs an Idempotency-Key header." },
  SALES_IDEMPOTENCY_KEY_INVALID: { status: 400, message: "The Idempotency-Key header is malformed." },
  SALES_IDEMPOTENCY_KEY_REUSED: { status: 422, message: "This Idempotency-Key was used for another request." },
  SALES_IDEMPOTENCY_IN_FLIGHT: { status: 409, message: "A request with this Idempotency-Key is still being processed." },
  SALES_ORDER_NOT_FOUND: { status: 404, message: "No such order." },
  SALES_ORDER_STATE: { status: 409, message: "The order cannot do this in its current state." },
  SALES_PRODUCT_NOT_FOUND: { status: 404, message: "No such product for sale in this shop." },
  SALES_SKU_REQUIRED: { status: 400, message: "Choose one of the product's SKUs." },
  SALES_SKU_NOT_FOUND: { status: 404, message: "No such SKU of this product." },
  SALES_OUT_OF_STOCK: { status: 409, message: "Not enough stock." },
  SALES_CURRENCY_MIXED: { status: 400, message: "An order's products must share one currency." },
  SALES_ADDRESS_REQUIRED: { status: 400, message: "Where should the order go? Give an address." },
  SALES_ADDRESS_NOT_FOUND: { status: 404, message: "No such saved address." },
  SALES_ADDRESS_LIMIT: { status: 409, message: "You have saved as many addresses as allowed (20)." },
  SALES_CAMPAIGN_NOT_FOUND: { status: 404, message: "No such flash sale or presale." },
  SALES_CAMPAIGN_STATE: { status: 409, message: "The flash sale or presale cannot do this now." },
  SALES_SOLD_OUT: { status: 409, message: "Sold out." },
  SALES_LIMIT_REACHED: { status: 409, message: "You have bought as many as allowed." },
  SALES_NOT_STARTED: { status: 409, message: "This sale has not started yet." },
  SALES_ENDED: { status: 409, message: "This sale has ended." },
  SALES_STOCK_CHANGED: { status: 409, message: "The stock changed since you looked; look again." },
  SALES_COUPON_NOT_FOUND: { status: 404, message: "No such coupon." },
  SALES_COUPON_GONE: { status: 409, message: "All of this coupon has been claimed." },
  SALES_COUPON_LIMIT_REACHED: { status: 409, message: "You have claimed this coupon as many times as allowed." },
  SALES_COUPON_EXPIRED: { status: 409, message: "The coupon is not valid now." },
  SALES_COUPON_USED: { status: 409, message: "This coupon was already used." },
  SALES_COUPON_MIN_SPEND: { status: 409, message: "The order does not reach the coupon's minimum spend." },
  SALES_COUPON_NOT_STACKABLE: { status: 400, message: "Only one coupon applies to an order." },
  SALES_COUPON_GIFTED: { status: 409, message: "This coupon is being sent to a friend as a gift." },
  SALES_ORDER_NOT_GIFT: { status: 409, message: "This order was not bought as a gift, or is not paid." },
  SALES_GIFT_NOT_CLAIMED: { status: 409, message: "This gift has no address yet: the friend has not claimed it." },
  SALES_NOTHING_DUE: { status: 409, message: "Nothing is due on this order now." },
  SALES_PAYMENT_NOT_FOUND: { status: 404, message: "No such payment." },
  SALES_PAYMENT_SETTLED: { status: 409, message: "This payment is already settled." },
  SALES_PAYMENT_CALLBACK_INVALID: { status: 400, message: "The payment notification is not genuine." },
  SALES_PAYMENT_CALLBACK_STALE: { status: 400, message: "The payment notification is too old." },
  SALES_PAYMENT_CALLBACK_MISMATCH: { status: 400, message: "The payment notification does not match the payment." },
  SALES_REFUND_TOO_LARGE: { status: 409, message: "The refund is more than what is left to refund." },
  SALES_REFUND_UNITS_INVALID: { status: 409, message: "The refund gives back more units of a line than the buyer still has." },

  // Shares.
  SHARES_NOT_FOUND: { status: 404, message: 'No share leads anywhere from this code or text.' },
  SHARES_TARGET_NOT_FOUND: { status: 404, message: 'There is no such room or product to share.' },
  SHARES_TARGET_HIDDEN: { status: 403, message: "The platform's link policy does not allow sharing links to this marketplace." },

  // Gifts.
  GIFTS_NOT_FOUND: { status: 404, message: 'No gift has this code.' },
  GIFTS_OWN_GIFT: { status: 403, message: 'You sent this gift: a friend claims it.' },
  GIFTS_ALREADY_CLAIMED: { status: 409, message: 'Someone has already claimed this gift.' },
  GIFTS_EXPIRED: { status: 410, message: 'This gift was not claimed in time and went back to its sender.' },
  GIFTS_ADDRESS_REQUIRED: { status: 400, message: 'Give the address the gift is shipped to.' },
  GIFTS_GONE: { status: 409, message: 'This gift can no longer be claimed (its coupon or order changed).' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The body of every error answer. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
