import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { encodeFrame, idleRawSocket, sendEncoded } from './wire';

/** Pre-built frames against a real ws client: the bytes must be exactly what ws itself would send. */
const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    for (const c of s.clients) c.terminate();
    await new Promise((r) => s.close(r));
  }
});

async function pair(): Promise<{ server: WebSocket; client: WebSocket; received: { text: string; binary: boolean }[] }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  servers.push(wss);
  await once(wss, 'listening');
  const accepted = once(wss, 'connection');
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  const received: { text: string; binary: boolean }[] = [];
  client.on('message', (data, binary) => received.push({ text: String(data), binary }));
  const [[server]] = await Promise.all([accepted, once(client, 'open')]);
  return { server: server as WebSocket, client, received };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('pre-built frames', () => {
  it('reach a real client as the same text frames, at every length class (7-bit, 16-bit and 64-bit)', async () => {
    const { server, received } = await pair();
    expect(idleRawSocket(server)).toBeDefined(); // ws's internals are still where this code expects them
    const texts = ['{"t":"batch"}', JSON.stringify({ chat: '这款普洱还有货吗'.repeat(20) }), JSON.stringify({ big: 'x'.repeat(70_000) })];
    for (const t of texts) sendEncoded(server, encodeFrame(t));
    await until(() => received.length === 3);
    expect(received).toEqual(texts.map((text) => ({ text, binary: false })));
  });

  it('keep their order among frames ws sends itself', async () => {
    const { server, received } = await pair();
    server.send('one');
    sendEncoded(server, encodeFrame('two'));
    server.send('three');
    sendEncoded(server, encodeFrame('four'));
    await until(() => received.length === 4);
    expect(received.map((r) => r.text)).toEqual(['one', 'two', 'three', 'four']);
  });

  it('go through ws.send while ws has a frame of its own queued', async () => {
    const { server, received } = await pair();
    // A Blob makes ws's sender wait for its bytes (GET_BLOB_DATA): a raw write now would overtake it.
    server.send(new Blob(['first']));
    expect(idleRawSocket(server)).toBeUndefined();
    sendEncoded(server, encodeFrame('second'));
    await until(() => received.length === 2);
    expect(received.map((r) => r.text)).toEqual(['first', 'second']);
  });
});
