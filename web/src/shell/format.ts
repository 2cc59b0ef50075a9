import { useTranslation } from 'react-i18next';

/**
 * Money crosses the API as integer minor units (fen for CNY) so sums never round; it becomes
 * a decimal only here, for display, and goes back to minor units as soon as a user types it.
 */

function fractionDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = fractionDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 10 ** digits);
}

/**
 * "12.5" yuan → 1250 fen. Parsed from the digits, not through a float, so "0.29" is exactly 29.
 * Null for anything that is not a plain non-negative amount with at most the currency's decimals.
 */
export function parseMajorUnits(input: string, currency: string): number | null {
  const digits = fractionDigits(currency);
  const match = /^(\d{1,12})(?:[.,](\d*))?$/.exec(input.trim());
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > digits) return null;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The formatters bound to the language the user chose. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return {
    money: (minor: number, currency: string) => formatMoney(minor, currency, locale),
    dateTime: (iso: string) => formatDateTime(iso, locale),
  };
}
