import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/db.port';
import { openTestPglite } from '../../test/support/pglite';
import { createExternalPublishes } from './external-publishes';
import type { GraceTimers } from './media.service';

/** The grace period, fired by hand: nothing here waits on real time. */
function manualTimers(): GraceTimers & { elapse(): void } {
  const waiting: (() => void)[] = [];
  return {
    start: (fire) => waiting.push(fire),
    cancel: () => {},
    elapse: () => waiting.splice(0).forEach((fire) => fire()),
  };
}

describe('external publishes (the database decides, whichever node hears the hook)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestPglite();
  });
  afterAll(async () => {
    await db?.close();
  });

  const world = () => {
    const ended: string[] = [];
    const timers = manualTimers();
    const endShow = async (_roomId: string, showId: string) => void ended.push(showId);
    // Two nodes: one database, each its own timers.
    const nodeA = createExternalPublishes({ db, graceMs: 1000, timers, endShow, log: { warn() {} } });
    const nodeB = createExternalPublishes({ db, graceMs: 1000, timers, endShow, log: { warn() {} } });
    return { ended, timers, nodeA, nodeB };
  };
  const until = async (probe: () => boolean) => {
    for (let i = 0; i < 200 && !probe(); i++) await new Promise((r) => setImmediate(r));
  };

  it('a stream back within the grace period (on any node) keeps its show; one that stays gone ends it once', async () => {
    const { ended, timers, nodeA, nodeB } = world();
    const roomId = randomUUID();
    const showId = randomUUID();
    await nodeA.accepted(roomId, showId, 'key-1');
    expect(await nodeB.done('key-1')).toBe(roomId);
    await nodeB.accepted(roomId, showId, 'key-1'); // the encoder is back, through another node
    timers.elapse();
    // PGlite answers in order: the status read comes back after the grace check's DELETE did
    // (which found a newer publish and ended nothing).
    expect((await nodeA.status(roomId, offline)).state).toBe('publishing');
    expect(ended).toEqual([]);

    expect(await nodeA.done('key-1')).toBe(roomId);
    expect(await nodeB.done('key-1')).toBeNull(); // a repeated done changes nothing
    timers.elapse();
    await until(() => ended.length > 0);
    expect(ended).toEqual([showId]);
    expect((await nodeB.status(roomId, offline)).state).toBe('offline');
  });

  it('a node starting up ends what a dead node left reconnecting past the grace period', async () => {
    const { ended, nodeA } = world();
    const roomId = randomUUID();
    const showId = randomUUID();
    await nodeA.accepted(roomId, showId, 'key-2');
    await nodeA.done('key-2'); // …and node A dies before its timer fires
    await db.query(`UPDATE media_publishes SET changed_at = changed_at - interval '5 seconds' WHERE room_id = $1`, [roomId]);
    const starting = createExternalPublishes({ db, graceMs: 1000, timers: manualTimers(), endShow: async (_r, s) => void ended.push(s), log: { warn() {} } });
    await starting.sweep();
    expect(ended).toEqual([showId]);
    expect((await starting.status(roomId, offline)).state).toBe('offline');
  });
});

const offline = { state: 'offline' as const, bitrateKbps: null, fps: null, width: null, height: null };
