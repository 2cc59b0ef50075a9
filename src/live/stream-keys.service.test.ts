import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestPglite } from '../../test/support/pglite';
import type { Db } from '../platform/db/db.port';
import { systemClock } from '../kernel/clock';
import { createStreamKeys, type StreamKeys } from './stream-keys.service';
import { insertRoom } from '../../test/support/rows';

describe('stream keys', () => {
  let db: Db;
  let keys: StreamKeys;
  const sealing = randomBytes(32);

  beforeAll(async () => {
    db = await openTestPglite();
    keys = createStreamKeys({ db, clock: systemClock, sealingKey: () => sealing });
  });
  afterAll(() => db?.close());

  const newRoom = () => insertRoom(db);

  it('reveals the same long random key again, and authenticates it to its room', async () => {
    const roomId = await newRoom();
    const first = await keys.reveal(roomId);
    expect(first.streamKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await keys.reveal(roomId)).streamKey).toBe(first.streamKey);
    expect(await keys.authenticate(first.streamKey)).toBe(roomId);
  });

  it('gives two first reveals at once the same key (two tabs, two nodes)', async () => {
    const roomId = await newRoom();
    // A second server (another node) with the same sealing key, revealing at the same moment.
    const otherNode = createStreamKeys({ db, clock: systemClock, sealingKey: () => sealing });
    const revealed = await Promise.all([keys.reveal(roomId), otherNode.reveal(roomId), keys.reveal(roomId), otherNode.reveal(roomId)]);
    expect(new Set(revealed.map((r) => r.streamKey)).size).toBe(1);
    expect(await keys.authenticate(revealed[0]!.streamKey)).toBe(roomId);
  });

  it('stores neither the key nor anything that reveals it without the sealing key', async () => {
    const roomId = await newRoom();
    const { streamKey } = await keys.reveal(roomId);
    const [row] = await db.query<Record<string, string>>(`SELECT key_hash, key_sealed FROM stream_keys WHERE room_id = $1`, [roomId]);
    expect(JSON.stringify(row)).not.toContain(streamKey);
    const otherServer = createStreamKeys({ db, clock: systemClock, sealingKey: () => randomBytes(32) });
    await expect(otherServer.reveal(roomId)).rejects.toThrow();
  });

  it('stops the old key at once when rotated', async () => {
    const roomId = await newRoom();
    const old = (await keys.reveal(roomId)).streamKey;
    const fresh = (await keys.rotate(roomId)).streamKey;
    expect(fresh).not.toBe(old);
    expect(await keys.authenticate(old)).toBeNull();
    expect(await keys.authenticate(fresh)).toBe(roomId);
    expect((await keys.reveal(roomId)).streamKey).toBe(fresh);
  });

  it('refuses near misses and malformed keys', async () => {
    const roomId = await newRoom();
    const { streamKey } = await keys.reveal(roomId);
    expect(await keys.authenticate(streamKey.slice(0, -1) + (streamKey.endsWith('A') ? 'B' : 'A'))).toBeNull();
    expect(await keys.authenticate('')).toBeNull();
    expect(await keys.authenticate(`${streamKey}?x=1`)).toBeNull();
    expect(await keys.authenticate("' OR 1=1 --")).toBeNull();
  });
});
