import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryBus } from '../platform/bus/bus.memory';
import type { ChatMessage } from '../contracts/realtime.schemas';
import { hubFixture, quietStore, type FakeSocket } from './hub.fixture';
import { hubTopic } from './topics';

/**
 * Deleting a message by id across two nodes (two hubs of one room on one bus), whichever arrives
 * first: the message, its relay to the other node, its storage, or the deletion.
 */
const kit = hubFixture();
afterEach(() => kit.closeAll());

const roomId = '00000000-0000-4000-8000-00000000000a';
const ackedId = (ws: FakeSocket, ref: string) => (ws.frames().find((f) => f.t === 'ack' && (f as { ref?: string }).ref === ref) as unknown as { message: ChatMessage }).message.id;

describe('room hub, deletions', () => {
  it('a deletion that reaches a node before the message keeps it from ever showing there', async () => {
    const bus = new MemoryBus();
    const a = await kit.open({}, { bus, nodeId: 'a' });
    const b = await kit.open({}, { bus, nodeId: 'b' });
    const sender = await kit.connect(a);
    const onB = await kit.connect(b);
    a.chat(sender.client, 'r1', 'deleted in flight');
    const id = ackedId(sender.ws, 'r1');
    // The moderator's deletion is published before node a relays the message (at its next turn).
    await bus.publish(hubTopic(roomId), { k: 'delete', id });
    await new Promise((r) => setImmediate(r));
    a.chat(sender.client, 'r2', 'relayed after it');
    await vi.waitFor(async () => {
      await b.tick();
      expect(onB.ws.chatTexts()).toContain('relayed after it');
    });
    expect(onB.ws.chatTexts()).not.toContain('deleted in flight');
    expect(onB.ws.batches().flatMap((f) => f.deleted)).toContain(id);
    const late = await kit.connect(b);
    expect(JSON.parse(late.ws.sent[0]!).recent.map((m: ChatMessage) => m.id)).not.toContain(id);
  });

  it('the node that accepted a message stores its deletion after it, however early the deletion comes', async () => {
    const bus = new MemoryBus();
    const stored: string[] = [];
    const store = {
      saveChat: async (_room: string, messages: readonly ChatMessage[]) => void stored.push(...messages.map((m) => `save ${m.id}`)),
      markDeleted: async (_room: string, id: string) => void stored.push(`delete ${id}`),
    };
    const a = await kit.open({}, { bus, nodeId: 'a', store: { ...quietStore, ...store } });
    const b = await kit.open({}, { bus, nodeId: 'b', store: { ...quietStore, ...store } });
    const sender = await kit.connect(a);
    a.chat(sender.client, 'r', 'stored deleted');
    const id = ackedId(sender.ws, 'r');
    await bus.publish(hubTopic(roomId), { k: 'delete', id }); // before node a's tick stores the message
    await vi.waitFor(() => expect(stored).toEqual([`save ${id}`, `delete ${id}`]));
    // Node b did not accept it: it stores nothing.
    await b.tick();
    expect(stored).toEqual([`save ${id}`, `delete ${id}`]);
  });

  it('forgets a deletion after the window', async () => {
    const bus = new MemoryBus();
    const a = await kit.open({}, { bus, nodeId: 'a' });
    const b = await kit.open({}, { bus, nodeId: 'b' });
    const sender = await kit.connect(a);
    const onB = await kit.connect(b);
    a.chat(sender.client, 'r1', 'late');
    const id = ackedId(sender.ws, 'r1');
    await bus.publish(hubTopic(roomId), { k: 'delete', id });
    await new Promise((r) => setImmediate(r));
    kit.clock += 31_000; // the relay is much later than the window: the deletion is forgotten
    await bus.publish(hubTopic(roomId), { k: 'chat', node: 'a', messages: [{ id, at: kit.clock, from: sender.client.viewer, text: 'late' }] });
    await vi.waitFor(async () => {
      await b.tick();
      expect(onB.ws.chatTexts()).toContain('late');
    });
  });
});
