/** Decimal places of a currency (2 for CNY, 0 for JPY): charts draw money in major units. */
export function currencyDigits(currency: string | null): number {
  if (!currency) return 2;
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}
