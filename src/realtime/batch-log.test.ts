import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../contracts/realtime.schemas';
import { BatchLog } from './batch-log';

const counts = (likes: number) => ({ online: 1, pcu: 1, views: 1, unique: 1, likes });
const message = (text: string): ChatMessage => ({ id: crypto.randomUUID(), at: 1, from: { id: 'a:x', name: 'x', role: 'viewer' }, text });
const batch = (text: string, likes: number) => ({ chat: [message(text)], deleted: [], events: [], counts: counts(likes), slowModeSeconds: 0 });
const decode = (frame: { payload: Buffer } | undefined) => JSON.parse(String(frame!.payload));

describe('batch log', () => {
  it('merges everything after a seq into one frame with the latest counts', () => {
    const log = new BatchLog(10);
    for (const [i, t] of ['a', 'b', 'c'].entries()) log.append(batch(t, i + 1));
    expect(log.seq).toBe(3);
    expect(decode(log.since(1))).toMatchObject({ t: 'batch', seq: 3, counts: { likes: 3 } });
    expect(decode(log.since(1)).chat.map((m: ChatMessage) => m.text)).toEqual(['b', 'c']);
    expect(decode(log.since(0)).chat.map((m: ChatMessage) => m.text)).toEqual(['a', 'b', 'c']);
    expect(log.since(3)).toBeUndefined(); // nothing newer
  });

  it('encodes once per starting seq until the next batch', () => {
    const log = new BatchLog(10);
    log.append(batch('a', 1));
    log.append(batch('b', 2));
    expect(log.since(1)).toBe(log.since(1));
    const before = log.since(1);
    log.append(batch('c', 3));
    expect(log.since(1)).not.toBe(before);
  });

  it('keeps a bounded window: a seq before it cannot be brought up to date', () => {
    const log = new BatchLog(2);
    for (const t of ['a', 'b', 'c', 'd']) log.append(batch(t, 1));
    expect(log.covers(2)).toBe(true);
    expect(log.covers(1)).toBe(false);
    expect(log.covers(5)).toBe(false);
    expect(log.since(1)).toBeUndefined();
    expect(decode(log.since(2)).chat.map((m: ChatMessage) => m.text)).toEqual(['c', 'd']);
  });
});
