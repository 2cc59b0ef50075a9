/**
 * Preferences kept in localStorage. Reads and writes never throw: storage can be disabled
 * (private browsing, embedded webviews) and the app must still work, just without memory.
 */
export type PrefKey = 'hutong.language' | 'hutong.currentShopId';

export function readPref(key: PrefKey): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writePref(key: PrefKey, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Not remembered; the choice still applies to this page.
  }
}
