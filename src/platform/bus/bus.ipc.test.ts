import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeBusContract } from './bus.contract';
import { IpcBus, ipcBusRelay, type IpcChannel } from './bus.ipc';

/**
 * An in-process stand-in for a worker's IPC channel, with what matters of Node's: messages are
 * copied (structured clone) and arrive later, in order. Every channel opened shares one relay,
 * as the workers of one cluster share their primary.
 */
function relayedChannels() {
  const workerSides: EventEmitter[] = [];
  const relay = ipcBusRelay(() =>
    workerSides.map((w) => ({ send: (m: unknown) => setImmediate(() => w.emit('message', structuredClone(m))) }) as IpcChannel),
  );
  return (): IpcChannel => {
    const workerSide = new EventEmitter();
    workerSides.push(workerSide);
    return Object.assign(workerSide, { send: (m: unknown) => setImmediate(() => relay(structuredClone(m))) });
  };
}

const openChannel = relayedChannels();
describeBusContract('ipc', async (options) => new IpcBus(openChannel(), options));

describe('ipc bus between real processes', () => {
  it('carries a message from one forked worker to another through the relay', async () => {
    const script = fileURLToPath(new URL('./bus.ipc.worker-fixture.ts', import.meta.url));
    const spawnWorker = () => fork(script, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const workers = [spawnWorker(), spawnWorker()];
    const relay = ipcBusRelay(() => workers);
    const got = new Promise<unknown>((resolve) => {
      for (const w of workers) {
        w.on('message', (m: unknown) => {
          relay(m);
          if (typeof m === 'object' && m !== null && 'received' in m) resolve((m as { received: unknown }).received);
        });
      }
    });
    try {
      const ready = workers.map((w) => new Promise((r) => w.once('message', r)));
      workers[0]!.send({ role: 'subscriber' });
      workers[1]!.send({ role: 'idle' });
      await Promise.all(ready);
      workers[1]!.send({ publish: { text: '你好 from worker 1' } });
      expect(await got).toEqual({ text: '你好 from worker 1', pid: workers[0]!.pid });
    } finally {
      for (const w of workers) w.kill();
    }
  });
});
