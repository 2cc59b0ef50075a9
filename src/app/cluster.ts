import cluster from 'node:cluster';
import { IpcBus, ipcBusRelay, type IpcChannel } from '../platform/bus/bus.ipc';
import { MemoryBus } from '../platform/bus/bus.memory';
import type { Config } from './config';
import { createHutong, type Hutong } from './hutong';
import { seedDemo } from './seed-demo';
import { prepareFirstStart } from './first-start';

/**
 * Several server processes on one machine (HUTONG_WORKERS > 1): the primary prepares once
 * (web build, migrations, demo seed), forks the workers, relays the IPC bus between them and
 * restarts one that dies; the workers share the HTTP port (cluster hands out connections).
 */

/** A worker that died this many times within a minute is not restarted again: something is broken. */
const MAX_RESTARTS_PER_MINUTE = 5;

export async function runPrimary(config: Config, announce: (seeded: 'seeded' | 'present' | 'off') => void): Promise<void> {
  for (const line of await prepareFirstStart(config)) console.log(line);
  const setup = await createHutong(config, { bus: new MemoryBus() });
  const seeded = config.seedDemo ? await seedDemo(setup) : 'off';
  await setup.close();

  const workers = () => Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
  const relay = ipcBusRelay(workers);
  cluster.on('message', (_worker, message) => relay(message));

  let stopping = false;
  const restarts: number[] = [];
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    restarts.push(now);
    while (restarts[0]! < now - 60_000) restarts.shift();
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); ${restarts.length} in the last minute`);
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      console.error('workers keep dying: stopping hutong');
      void stop(1);
    } else cluster.fork();
  });

  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      workers().map((w) => new Promise((resolve) => (w.isDead() ? resolve(null) : (w.once('exit', resolve), w.process.kill('SIGTERM'))))),
    );
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));

  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === config.workers) announce(seeded);
  });
  for (let i = 0; i < config.workers; i++) cluster.fork();
}

/** A worker: the whole app, on the shared port, with the IPC bus unless Redis or NATS is configured. */
export async function runWorker(config: Config, start: (overrides: { bus?: IpcBus }) => Promise<Hutong>): Promise<void> {
  await start(config.bus.kind === 'memory' ? { bus: new IpcBus(process as IpcChannel) } : {});
}

export const isClusterWorker = (): boolean => cluster.isWorker;
