import { randomUUID } from 'node:crypto';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { connect } from 'nats';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serviceUrl } from '../../../test/support/services';
import { describeBusContract } from './bus.contract';
import { NatsBus } from './bus.nats';

const url = serviceUrl('HUTONG_TEST_NATS_URL', 'NATS');

/**
 * A TCP relay to the NATS server whose connections the test can cut (nats-server 2.9 cannot be asked
 * to drop one client) and whose traffic towards the server it can slow down.
 */
async function relay(target: URL, delayMs = 0): Promise<{ url: string; cut: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = tcpConnect(Number(target.port || 4222), target.hostname);
    for (const [from, to, delay] of [[client, upstream, delayMs], [upstream, client, 0]] as const) {
      sockets.add(from);
      // Equal delays fire in order, so the stream stays intact.
      from.on('data', (chunk) => (delay ? setTimeout(() => to.write(chunk), delay) : to.write(chunk)));
      from.on('error', () => to.destroy());
      from.on('close', () => (sockets.delete(from), to.destroy()));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const cut = () => {
    const n = sockets.size;
    for (const socket of sockets) socket.destroy();
    return n;
  };
  const close = () => (cut(), new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `nats://127.0.0.1:${port}`, cut, close };
}

describe.skipIf(!url)('NatsBus', () => {
  describeBusContract('nats', (options) => NatsBus.connect(url!, options));

  describe('on the wire', () => {
    const cleanup: (() => Promise<unknown>)[] = [];
    afterEach(async () => {
      for (const fn of cleanup.splice(0).reverse()) await fn();
    });

    async function setup(busUrl: string) {
      const errors: { error: unknown; topic?: string }[] = [];
      const bus = await NatsBus.connect(busUrl, { onError: (error, topic) => void errors.push({ error, topic }) });
      cleanup.push(() => bus.close());
      const received: unknown[] = [];
      const topic = `t${randomUUID().replaceAll('-', '')}.room`;
      await bus.subscribe(topic, (message) => void received.push(message));
      return { bus, errors, received, topic };
    }

    it('reports a malformed message through onError and goes on delivering', async () => {
      const { bus, errors, received, topic } = await setup(url!);
      const raw = await connect({ servers: url! });
      cleanup.push(() => raw.close());
      raw.publish(topic, new TextEncoder().encode('{not json'));
      await raw.flush();
      await bus.publish(topic, 'fine');
      await vi.waitFor(() => expect(received).toEqual(['fine']));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ error: expect.any(SyntaxError), topic });
    });

    it('resubscribes by itself after its connection drops', async () => {
      const proxy = await relay(new URL(url!));
      cleanup.push(() => proxy.close());
      const { bus, received, topic } = await setup(proxy.url);
      expect(proxy.cut()).toBeGreaterThan(0);
      // At-most-once: probes sent while it reconnects may be lost, so keep probing until one lands.
      await vi.waitFor(
        async () => {
          await bus.publish(topic, 'probe');
          expect(received).toContain('probe');
        },
        { timeout: 15_000, interval: 100 },
      );
    });

    it('has the subscription active on the server when subscribe resolves, even over a slow link', async () => {
      const proxy = await relay(new URL(url!), 100);
      cleanup.push(() => proxy.close());
      const { received, topic } = await setup(proxy.url); // subscribes through the slow relay
      const publisher = await NatsBus.connect(url!);
      cleanup.push(() => publisher.close());
      await publisher.publish(topic, 'first');
      await vi.waitFor(() => expect(received).toEqual(['first']), { timeout: 2_000 });
    });
  });
});
