import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { serviceUrl } from '../../../test/support/services';
import { countersContract } from './counters.contract';
import { RedisCounters } from './counters.redis';

const url = serviceUrl('HUTONG_TEST_REDIS_URL', 'Redis');

describe.skipIf(!url)('Redis', () => {
  countersContract('redis', () => RedisCounters.connect(url!, `hutong-test-${randomBytes(6).toString('hex')}:`));
});
