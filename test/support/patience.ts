import { vi } from 'vitest';

/**
 * How long a test waits for a condition before it fails: CI is a 2-core machine that may run at
 * load 20, where a frame, a row or a rendered element can take seconds. A wait costs nothing when
 * the condition holds early, so the bound is generous; a test never waits on a fixed sleep instead.
 * (expect.poll's default is set in vitest.config.ts; vi.waitFor has no config, so it is set here.)
 */
export const PATIENCE_MS = 15_000;

const waitFor = vi.waitFor.bind(vi);
vi.waitFor = ((callback, options) =>
  waitFor(callback, { timeout: PATIENCE_MS, ...(typeof options === 'number' ? { timeout: options } : options) })) as typeof vi.waitFor;
