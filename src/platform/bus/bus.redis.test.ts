import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serviceUrl } from '../../../test/support/services';
import { describeBusContract } from './bus.contract';
import { RedisBus } from './bus.redis';

const url = serviceUrl('HUTONG_TEST_REDIS_URL', 'Redis');

describe.skipIf(!url)('RedisBus', () => {
  describeBusContract('redis', (options) => RedisBus.connect(url!, options));

  describe('on the wire', () => {
    const cleanup: (() => Promise<unknown>)[] = [];
    afterEach(async () => {
      await Promise.all(cleanup.splice(0).map((fn) => fn()));
    });

    async function setup() {
      const errors: { error: unknown; topic?: string }[] = [];
      const name = `hutong-test-${randomUUID()}`;
      const bus = await RedisBus.connect(url!, { name, onError: (error, topic) => void errors.push({ error, topic }) });
      const admin = new Redis(url!);
      cleanup.push(() => bus.close(), () => admin.quit());
      const received: unknown[] = [];
      const topic = `t${randomUUID().replaceAll('-', '')}.room`;
      await bus.subscribe(topic, (message) => void received.push(message));
      return { bus, admin, name, errors, received, topic };
    }

    it('reports a malformed message through onError and goes on delivering', async () => {
      const { bus, admin, errors, received, topic } = await setup();
      await admin.publish(topic, '{not json');
      await bus.publish(topic, 'fine');
      await vi.waitFor(() => expect(received).toEqual(['fine']));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ error: expect.any(SyntaxError), topic });
    });

    it('resubscribes by itself after Redis drops its subscriber connection', async () => {
      const { bus, admin, name, received, topic } = await setup();
      const idOf = async () => {
        const list = (await admin.client('LIST')) as string;
        const line = list.split('\n').find((l) => l.includes(` name=${name}:sub `));
        return line?.match(/^id=(\d+)/)?.[1];
      };
      const before = await idOf();
      expect(before).toBeDefined();
      expect(await admin.client('KILL', 'ID', before!)).toBe(1);
      // At-most-once: probes published while it reconnects are lost, so keep probing until one lands.
      await vi.waitFor(
        async () => {
          await bus.publish(topic, 'probe');
          expect(received).toContain('probe');
        },
        { timeout: 10_000, interval: 100 },
      );
      expect(await idOf()).not.toBe(before);
    });
  });
});
