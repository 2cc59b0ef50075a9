import { z } from 'zod';

/**
 * The one schema for text people type (titles, names, descriptions, words, ids they paste), shared by
 * every body and parameter of the API and by the web app's forms. It refuses, with HTTP_VALIDATION_FAILED:
 * - control characters (U+0000–U+001F, U+007F–U+009F; tab and line breaks only in multi-line text) —
 *   PostgreSQL cannot store U+0000 at all, and the others are never meant;
 * - bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), which make
 *   `"\u202egnp.exe"` display as "exe.png";
 * - text that is only invisible characters (white space, zero-width and other format characters,
 *   fillers): `"\u200b\u200b"` shows as nothing.
 * Zero-width joiners and marks inside visible text stay (emoji sequences, Persian, Arabic need them).
 * Lone UTF-16 surrogates are refused too: they cannot be stored as UTF-8.
 */

const CONTROL = /[\p{Cc}]/u;
/** A surrogate without its other half (checked without the `u` flag, which would hide it). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL_BUT_LINES = /(?![\t\n\r])[\p{Cc}]/u;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/** White space, format characters (zero-width, bidi marks, tags…), fillers and blank glyphs. */
const INVISIBLE = /[\p{White_Space}\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2800\u3164\uFE00-\uFE0F\uFFA0\u{E0100}-\u{E01EF}]/gu;

/** True when nothing of `s` would be seen on screen. */
export const isBlank = (s: string): boolean => s.replace(INVISIBLE, '') === '';

/** Why `s` is refused as typed text, or undefined when it is fine. */
export function textProblem(s: string, opts: { multiline?: boolean } = {}): string | undefined {
  if (LONE_SURROGATE.test(s)) return 'must be valid Unicode';
  if ((opts.multiline ? CONTROL_BUT_LINES : CONTROL).test(s)) return 'must not contain control characters';
  if (BIDI_CONTROL.test(s)) return 'must not contain bidi override or isolate characters';
  if (s !== '' && isBlank(s)) return 'must contain a visible character';
  return undefined;
}

const checked = (multiline: boolean) => (s: string, ctx: z.RefinementCtx) => {
  const problem = textProblem(s, { multiline });
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

/**
 * Typed text: trimmed, `min`–`max` UTF-16 units (`min` 1 unless told; with `min: 0` an empty string is
 * fine but invisible-only text is not).
 */
export const text = (opts: { max: number; min?: number; multiline?: boolean }) =>
  z.string().trim().min(opts.min ?? 1).max(opts.max).superRefine(checked(opts.multiline ?? false));

/**
 * An identifier from a client (a slug in a path, a viewer id, a click-out code): taken as it is, but
 * never with control characters, so a lookup answers "not found" or "invalid", never a database error.
 */
export const key = (opts: { max: number; min?: number }) =>
  z.string().min(opts.min ?? 1).max(opts.max).superRefine((s, ctx) => {
    if (LONE_SURROGATE.test(s) || CONTROL.test(s)) ctx.addIssue({ code: 'custom', message: 'must not contain control characters' });
  });
