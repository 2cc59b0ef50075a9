import { describe, expect, it } from 'vitest';
import { formatMoney, parseMajorUnits } from './format';

describe('parseMajorUnits', () => {
  it('turns yuan into exact fen', () => {
    expect(parseMajorUnits('12.5', 'CNY')).toBe(1250);
    expect(parseMajorUnits('0.29', 'CNY')).toBe(29);
    expect(parseMajorUnits(' 199 ', 'CNY')).toBe(19900);
    expect(parseMajorUnits('3.', 'CNY')).toBe(300);
    expect(parseMajorUnits('1,05', 'EUR')).toBe(105);
  });

  it('refuses what is not a plain amount', () => {
    for (const input of ['', '-1', '1.234', 'abc', '1e3', '12.3.4']) expect(parseMajorUnits(input, 'CNY')).toBeNull();
  });
});

describe('formatMoney', () => {
  it('shows minor units as the currency amount', () => {
    expect(formatMoney(1250, 'CNY', 'zh-CN')).toBe('¥12.50');
    expect(formatMoney(199900, 'USD', 'en')).toBe('$1,999.00');
  });
});
