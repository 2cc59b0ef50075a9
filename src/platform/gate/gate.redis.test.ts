import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { serviceUrl } from '../../../test/support/services';
import { gateContract } from './gate.contract';
import { RedisGate } from './gate.redis';

const url = serviceUrl('HUTONG_TEST_REDIS_URL', 'Redis');

describe.skipIf(!url)('Redis', () => {
  gateContract('redis', () => RedisGate.connect(url!, `hutong-test-${randomBytes(6).toString('hex')}:gate:`));
});
