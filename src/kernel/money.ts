/**
 * Money is an integer count of minor units (fen for CNY, cents for USD/EUR) with its currency kept
 * beside it: sums and discounts never round, and amounts of two currencies are never added.
 */
export const MAX_MINOR = 10_000_000_000; // 100 million in major units: any price or order total here

/** Sum of minor amounts; throws on a non-integer (a bug upstream) rather than carrying it. */
export function sumMinor(amounts: readonly number[]): number {
  let total = 0;
  for (const a of amounts) {
    if (!Number.isSafeInteger(a)) throw new Error(`not an amount in minor units: ${a}`);
    total += a;
  }
  return total;
}

/** `basisPoints` of `amount` (10,000 bp = 100 %), rounded down: a percentage discount never gives more than it says. */
export const percentOf = (amount: number, basisPoints: number): number => Math.floor((amount * basisPoints) / 10_000);

/** "128.00" for 12800: two decimals, as every currency hutong sells in (CNY, USD, EUR) has. */
export const formatMinor = (amount: number): string => {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};
