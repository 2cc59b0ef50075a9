// A worker process for bus.ipc.test.ts: subscribes or publishes on command from the test (its primary).
import { IpcBus } from './bus.ipc';

const bus = new IpcBus(process as Required<typeof process> & { send: (m: unknown) => boolean });

process.on('message', async (m: { role?: string; publish?: { text: string } }) => {
  if (m.role === 'subscriber') {
    await bus.subscribe('test.ipc', (message) => process.send!({ received: { ...(message as object), pid: process.pid } }));
  }
  if (m.role) process.send!({ ready: true });
  if (m.publish) await bus.publish('test.ipc', m.publish);
});
