import { describe, expect, it } from 'vitest';
import { clientFrame, likeFrame, likeTaps } from './realtime.schemas';

describe('like frames read without zod', () => {
  const frames: unknown[] = [
    { t: 'like', n: 1 },
    { t: 'like', n: 100 },
    { t: 'like', n: 7, extra: 'ignored' },
    { t: 'like', n: 0 },
    { t: 'like', n: 101 },
    { t: 'like', n: -3 },
    { t: 'like', n: 2.5 },
    { t: 'like', n: '3' },
    { t: 'like', n: null },
    { t: 'like', n: Number.NaN },
    { t: 'like', n: Number.POSITIVE_INFINITY },
    { t: 'like' },
    { t: 'likes', n: 1 },
    { t: 'chat', ref: 'r', text: 'hi' },
    { n: 1 },
    [],
    ['like', 1],
    null,
    'like',
    3,
    undefined,
  ];

  it('takes exactly the frames the like schema takes, with the same count', () => {
    for (const raw of frames) {
      const parsed = likeFrame.safeParse(raw);
      expect([raw, likeTaps(raw)]).toEqual([raw, parsed.success ? parsed.data.n : undefined]);
    }
  });

  it('leaves every other frame to the client frame schema', () => {
    for (const raw of frames) if (likeTaps(raw) === undefined) expect(clientFrame.safeParse(raw).success ? (clientFrame.parse(raw) as { t: string }).t : 'refused').not.toBe('like');
  });
});
