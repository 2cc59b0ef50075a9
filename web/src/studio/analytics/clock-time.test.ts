import { describe, expect, it } from 'vitest';
import { formatTick } from './clock-time';

describe("the charts' time axis", () => {
  it('reads local clock times, HH:MM on 24 hours', () => {
    const evening = new Date(2026, 10, 27, 20, 5, 0); // local time
    expect(formatTick(evening.getTime() / 1000)).toBe('20:05');
    expect(formatTick(new Date(2026, 10, 28, 0, 0, 0).getTime() / 1000)).toBe('00:00');
  });
});
