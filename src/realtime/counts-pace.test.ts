import { describe, expect, it } from 'vitest';
import { CountsPace } from './counts-pace';

/** The pace alone, on an injected clock (ms); the hub's use of it is in hub-writes.test.ts. */
describe('counts pace', () => {
  it('lets counts alone go out once per interval, the first change after a quiet spell at once', () => {
    const pace = new CountsPace(1000);
    expect(pace.due(5_000)).toBe(true);
    pace.wrote(5_000);
    expect(pace.due(5_100)).toBe(false);
    expect(pace.due(5_999)).toBe(false);
    expect(pace.due(6_000)).toBe(true);
  });

  it('starts the interval again at any batch, whatever made it', () => {
    const pace = new CountsPace(1000);
    pace.wrote(0);
    pace.wrote(900); // a chat message went out, with the counts
    expect(pace.due(1_000)).toBe(false);
    expect(pace.due(1_900)).toBe(true);
  });

  it('an interval of 0 lets counts go at every tick; a clock that stepped back never holds them', () => {
    const every = new CountsPace(0);
    every.wrote(10);
    expect(every.due(10)).toBe(true);
    const pace = new CountsPace(1000);
    pace.wrote(10_000);
    expect(pace.due(9_000)).toBe(true);
  });
});
