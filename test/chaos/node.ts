/**
 * One hutong node in a process of its own, for the chaos suite: configured by HUTONG_* like any
 * node, demo-seeded when CHAOS_SEED=1, serving until SIGTERM. It prints `listening URL` once up.
 */
import { loadConfig } from '../../src/app/config';
import { createHutong } from '../../src/app/hutong';
import { seedDemo } from '../../src/app/seed-demo';

const hutong = await createHutong(loadConfig(process.env));
if (process.env.CHAOS_SEED === '1') await seedDemo(hutong);
const url = await hutong.http.listen({ port: Number(process.env.HUTONG_PORT), host: '127.0.0.1' });
console.log(`listening ${url}`);
process.on('SIGTERM', () => {
  void hutong.close().finally(() => process.exit(0));
});
