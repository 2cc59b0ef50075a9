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

  // Live.
  LIVE_ROOM_NOT_FOUND: { status: 404, message: 'No such room.' },
  LIVE_ROOM_SLUG_TAKEN: { status: 409, message: 'A room with this slug already exists.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The body of every error answer. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
