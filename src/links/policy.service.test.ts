import { describe, expect, it, vi } from 'vitest';
import { MemoryBus } from '../platform/bus/bus.memory';
import type { Db } from '../platform/db/db.port';
import { createLinkPolicy, POLICY_TOPIC } from './policy.service';

type Row = { marketplace: string; scene: string; mode: string };

/** A database whose reads of link_policy answer when the test says, in any order (the share channels' rules: none, at once). */
function heldDb() {
  const pending: { resolve: (rows: Row[]) => void; reject: (err: Error) => void }[] = [];
  const db = {
    query: (sql: string) =>
      /\bFROM link_policy\b/.test(sql) ? new Promise<Row[]>((resolve, reject) => pending.push({ resolve, reject })) : Promise.resolve([]),
  } as unknown as Db;
  return { db, pending };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('link policy reloads', () => {
  it('applies only the newest reload when two finish out of order', async () => {
    const { db, pending } = heldDb();
    const bus = new MemoryBus();
    const policy = createLinkPolicy({ db, bus, displayNames: async () => new Map() });
    const log = { warn: vi.fn() };
    const started = policy.start(log);
    pending.shift()!.resolve([]);
    await started;

    await bus.publish(POLICY_TOPIC, {});
    await bus.publish(POLICY_TOPIC, {});
    await vi.waitFor(() => expect(pending).toHaveLength(2));
    const [older, newer] = pending.splice(0);
    newer!.resolve([{ marketplace: 'taobao', scene: 'chat', mode: 'hidden' }]);
    await settle();
    older!.resolve([{ marketplace: 'taobao', scene: 'chat', mode: 'token' }]);
    await settle();
    expect(policy.current().taobao.chat).toBe('hidden');
    await policy.close();
  });

  it('logs a reload that fails and keeps the policy it had', async () => {
    const { db, pending } = heldDb();
    const bus = new MemoryBus();
    const policy = createLinkPolicy({ db, bus, displayNames: async () => new Map() });
    const log = { warn: vi.fn() };
    const started = policy.start(log);
    pending.shift()!.resolve([{ marketplace: 'jd', scene: 'cart', mode: 'token' }]);
    await started;

    await bus.publish(POLICY_TOPIC, {});
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    pending.shift()!.reject(new Error('connection terminated'));
    await vi.waitFor(() => expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), expect.stringContaining('link policy')));
    expect(policy.current().jd.cart).toBe('token');
    await policy.close();
  });
});
