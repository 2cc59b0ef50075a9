/**
 * An expected outcome, returned as a value and never thrown (STYLE: "two error channels"): what was
 * made, or why not. `ok` tells them apart; each side carries its own fields, named for what they are
 * (`{ ok: true, url }`, `{ ok: false, reason: 'disabled' }`, `{ ok: false, code: 'REALTIME_MUTED', retryAt }`).
 * A broken invariant or a refusal the caller only passes on is an AppError instead (app-error.ts).
 */
export type Result<Made extends object, Refused extends object> = ({ ok: true } & Made) | ({ ok: false } & Refused);
