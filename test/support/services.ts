import { existsSync } from 'node:fs';

/**
 * External services a suite needs (PostgreSQL, Redis, NATS, Chromium, ffmpeg).
 * When one is not configured the suite is skipped, unless HUTONG_TEST_REQUIRE_SERVICES=1,
 * which turns the skip into a failure (CI sets it so nothing is silently left out).
 */
const required = process.env.HUTONG_TEST_REQUIRE_SERVICES === '1';

function missing(what: string, hint: string): undefined {
  if (required) throw new Error(`${what} is required (HUTONG_TEST_REQUIRE_SERVICES=1) but not configured: ${hint}`);
  console.warn(`[skip] ${what} not configured: ${hint}`);
  return undefined;
}

/** The URL in `envVar`, or undefined (and the suite skips) when unset. */
export function serviceUrl(envVar: string, what: string): string | undefined {
  const url = process.env[envVar];
  return url && url.length > 0 ? url : missing(what, `set ${envVar}`);
}

/** Path to Debian's Chromium, or undefined when it is not installed. */
export function chromiumPath(): string | undefined {
  const path = process.env.HUTONG_CHROMIUM ?? '/usr/bin/chromium';
  return existsSync(path) ? path : missing('Chromium', `install it with 'npm run setup:system' or set HUTONG_CHROMIUM`);
}

/**
 * Flags for Debian's Chromium as root, headless, on a machine with no outside network: without the
 * background-networking ones it keeps trying to reach Google's hosts.
 */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
