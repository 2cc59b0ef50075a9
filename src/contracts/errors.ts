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

  // Identity.
  IDENTITY_UNAUTHENTICATED: { status: 401, message: 'Log in first.' },
  IDENTITY_SESSION_EXPIRED: { status: 401, message: 'Your session has expired; log in again.' },
  IDENTITY_INVALID_CREDENTIALS: { status: 401, message: 'Wrong email or password.' },
  IDENTITY_INVALID_API_KEY: { status: 401, message: 'The API key is invalid or revoked.' },
  IDENTITY_LOGIN_RATE_LIMITED: { status: 429, message: 'Too many login attempts; wait a few minutes.' },
  IDENTITY_EMAIL_TAKEN: { status: 409, message: 'An account with this email already exists.' },
  IDENTITY_FORBIDDEN: { status: 403, message: 'You are not allowed to do this.' },
  IDENTITY_SHOP_NOT_FOUND: { status: 404, message: 'No such shop.' },
  IDENTITY_SHOP_SLUG_TAKEN: { status: 409, message: 'A shop with this slug already exists.' },
  IDENTITY_USER_NOT_FOUND: { status: 404, message: 'No account with this email.' },
  IDENTITY_MEMBER_NOT_FOUND: { status: 404, message: 'No such member in this shop.' },
  IDENTITY_LAST_OWNER: { status: 409, message: 'A shop must keep at least one owner.' },
  IDENTITY_API_KEY_NOT_FOUND: { status: 404, message: 'No such API key in this shop.' },

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

  // Live.
  LIVE_ROOM_NOT_FOUND: { status: 404, message: 'No such room.' },
  LIVE_ROOM_SLUG_TAKEN: { status: 409, message: 'A room with this slug already exists.' },
  LIVE_CART_ITEM_NOT_FOUND: { status: 404, message: "No such item in this room's cart." },
  LIVE_CART_ITEM_PRESENT: { status: 409, message: 'This item is already in the cart.' },
  LIVE_CART_FULL: { status: 409, message: 'The cart is full (200 items).' },
  LIVE_CART_ORDER_MISMATCH: { status: 400, message: "The new order must list every item of the cart exactly once." },
  LIVE_CART_ITEM_HIDDEN: { status: 409, message: 'Viewers cannot see this item (link policy or a disabled listing), so it cannot be pinned.' },
  LIVE_SHOW_NOT_FOUND: { status: 404, message: 'No such show in this room.' },
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
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The body of every error answer. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
