import { describe, expect, it } from 'vitest';
import { OwnLikes } from './own-likes';

describe('own likes', () => {
  it('floats others’ likes only, once the viewer’s own already floated on the tap', () => {
    const own = new OwnLikes();
    own.tapped(1, 0);
    own.tapped(1, 100);
    expect(own.others(5, 900)).toBe(3); // the total took our two and three of others'
    expect(own.others(4, 1900)).toBe(4);
  });

  it('takes our likes off over several totals when they arrive split', () => {
    const own = new OwnLikes();
    own.tapped(3, 0);
    expect(own.others(2, 500)).toBe(0);
    expect(own.others(2, 1500)).toBe(1);
  });

  it('forgets own likes the server dropped, so they never swallow others’', () => {
    const own = new OwnLikes(3000);
    own.tapped(50, 0);
    expect(own.others(20, 1000)).toBe(0); // 30 of ours were over the budget
    expect(own.others(10, 4000)).toBe(10);
    own.tapped(2, 5000);
    own.reset();
    expect(own.others(2, 5100)).toBe(2);
  });
});
