import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../contracts/realtime.schemas';
import { ChatStore, type ChatStoreOptions } from './chat-store';

const message = (i: number): ChatMessage => ({ id: `m${i}`, at: i, from: { id: 'v:1', name: 'v', role: 'viewer' }, text: `hello ${i}` });

function store(o: Partial<ChatStoreOptions> = {}) {
  const inserts: string[][] = [];
  const log: string[] = [];
  const chat = new ChatStore(
    { perSecond: 100, maxWaiting: 10_000, batchRows: 1000, retryMs: 1000, lingerMs: 1000, ...o },
    {
      save: async (ms) => {
        inserts.push(ms.map((m) => m.id));
        log.push(`save ${ms.map((m) => m.id).join(',')}`);
      },
      markDeleted: async (id) => void log.push(`delete ${id}`),
      now: () => Date.now(),
      stored: () => {},
      notStored: () => {},
      failed: () => {},
      ok: () => {},
    },
  );
  return { chat, inserts, log };
}

describe('chat store: one insert for what comes within the linger', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gathers a quiet room’s messages for the linger, then stores them in one insert', async () => {
    const { chat, inserts } = store();
    for (let i = 0; i < 10; i++) {
      chat.shown([message(i)]);
      await vi.advanceTimersByTimeAsync(99); // 10 messages a second
    }
    expect(inserts).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    expect(inserts).toEqual([Array.from({ length: 10 }, (_, i) => `m${i}`)]);
    chat.shown([message(10)]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(inserts).toHaveLength(2);
  });

  it('does not wait with a full batch', async () => {
    const { chat, inserts } = store({ batchRows: 3 });
    chat.shown([message(1), message(2)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(inserts).toEqual([]);
    chat.shown([message(3)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(inserts).toEqual([['m1', 'm2', 'm3']]);
  });

  it('stores a deletion at once, after the message it deletes', async () => {
    const { chat, log } = store();
    chat.shown([message(1)]);
    chat.deleted('m1');
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['save m1', 'delete m1']);
  });

  it('stores what waits when closing, without waiting for the linger', async () => {
    const { chat, inserts } = store({ lingerMs: 10_000 });
    chat.unshown([message(1)]);
    await chat.close(5000);
    expect(inserts).toEqual([['m1']]);
  });

  it('inserts each message as it comes with no linger', async () => {
    const { chat, inserts } = store({ lingerMs: 0 });
    chat.shown([message(1)]);
    await vi.advanceTimersByTimeAsync(0);
    chat.shown([message(2)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(inserts).toEqual([['m1'], ['m2']]);
  });
});
