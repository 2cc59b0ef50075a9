import { AppError } from '../kernel/app-error';
import type { ErrorCode } from '../contracts/errors';
import { recognise, type Recognised, type RefusalReason } from './recognisers';

const refusalCodes: Record<RefusalReason, ErrorCode> = {
  empty: 'LINKS_URL_INVALID',
  malformed: 'LINKS_URL_INVALID',
  too_long: 'LINKS_URL_TOO_LONG',
  scheme: 'LINKS_URL_SCHEME_REFUSED',
  credentials: 'LINKS_URL_CREDENTIALS_REFUSED',
  private_host: 'LINKS_URL_HOST_REFUSED',
};

/** recognise(), with a refusal thrown as its documented error code (for routes and services). */
export function recogniseOrThrow(url: string): Recognised {
  const r = recognise(url);
  if (!r.ok) throw new AppError(refusalCodes[r.reason], undefined, { reason: r.reason });
  return r.value;
}
