import { describe, expect, it } from 'vitest';
import { available, skuOf } from './sku-choice';

const skus = [
  { id: 'a', options: { 颜色: '靛蓝', 尺码: 'M' }, priceMinor: 9900, stock: 3 },
  { id: 'b', options: { 颜色: '靛蓝', 尺码: 'L' }, priceMinor: 9900, stock: 0 },
  { id: 'c', options: { 颜色: '茶褐', 尺码: 'L' }, priceMinor: 10900, stock: 2 },
];

describe('picking a SKU', () => {
  it('finds the SKU once every option has a value', () => {
    expect(skuOf(skus, { 颜色: '靛蓝' }, 2)).toBeUndefined();
    expect(skuOf(skus, { 颜色: '茶褐', 尺码: 'L' }, 2)?.id).toBe('c');
  });

  it('offers only values that some SKU in stock has with the values chosen so far', () => {
    expect(available(skus, {}, '尺码', 'L')).toBe(true);
    expect(available(skus, { 颜色: '靛蓝' }, '尺码', 'L')).toBe(false);
    expect(available(skus, { 颜色: '靛蓝' }, '颜色', '茶褐')).toBe(true);
  });
});
