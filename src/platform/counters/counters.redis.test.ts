import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { serviceUrl } from '../../../test/support/services';
import { countersContract } from './counters.contract';
import { RedisCounters } from './counters.redis';

const url = serviceUrl('HUTONG_TEST_REDIS_URL', 'Redis');

describe.skipIf(!url)('Redis', () => {
  countersContract('redis', () => RedisCounters.connect(url!, `hutong-test-${randomBytes(6).toString('hex')}:`));

  it('drops a node from a room’s roster once Redis has not heard from it for longer than the ttl', async () => {
    const c = await RedisCounters.connect(url!, `hutong-test-${randomBytes(6).toString('hex')}:`);
    try {
      expect(await c.roster('r', 'a', 2, 300)).toEqual([{ node: 'a', online: 2 }]);
      // b keeps announcing itself; a said nothing since: it goes once 300 ms of Redis's clock pass.
      const deadline = Date.now() + 10_000;
      let entries = await c.roster('r', 'b', 1, 300);
      while (entries.some((e) => e.node === 'a') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        entries = await c.roster('r', 'b', 1, 300);
      }
      expect(entries).toEqual([{ node: 'b', online: 1 }]);
    } finally {
      await c.close();
    }
  });
});
