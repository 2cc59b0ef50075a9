import { describe, expect, it } from 'vitest';
import { RoomLog } from './room-log';

describe('RoomLog', () => {
  it('gives back exactly what came after an id, in order, while it is in the window', () => {
    const log = new RoomLog(5);
    const ids = [1, 2, 3, 4].map((n) => log.append('e', String(n), false).id);
    const after = log.since(ids[1]!);
    expect(after.ok && after.entries.map((e) => e.data)).toEqual(['3', '4']);
    const none = log.since(ids[3]!);
    expect(none.ok && none.entries).toEqual([]);
    expect(log.since(`${log.epoch}-0`)).toEqual({ ok: true, entries: expect.any(Array) });
  });

  it('says expired once the next entry after the id has left the window, and unknown for a foreign or future id', () => {
    const log = new RoomLog(3);
    const first = log.append('e', '1', false).id;
    for (let i = 2; i <= 4; i++) log.append('e', String(i), false);
    // Entries 2–4 are held: after 1 is still complete, after 0 is not.
    const fromFirst = log.since(first);
    expect(fromFirst.ok && fromFirst.entries.map((e) => e.data)).toEqual(['2', '3', '4']);
    expect(log.since(`${log.epoch}-0`)).toEqual({ ok: false, reason: 'expired' });
    expect(log.since(`${new RoomLog(3).epoch}-1`)).toEqual({ ok: false, reason: 'unknown' });
    expect(log.since(`${log.epoch}-99`)).toEqual({ ok: false, reason: 'unknown' });
    expect(log.since('garbage')).toEqual({ ok: false, reason: 'unknown' });
  });
});
