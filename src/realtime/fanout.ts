import type { WebSocket } from 'ws';
import { closeCodes, type ChatMessage } from '../contracts/realtime.schemas';

/**
 * The two loops of a hub tick that touch every message or every socket, kept apart from the hub's
 * bookkeeping so their costs are easy to see.
 */

/** Up to `budget` messages, each equally likely (partial Fisher–Yates), returned in time order. */
export function sampleFairly(pool: ChatMessage[], budget: number): ChatMessage[] {
  const take = Math.max(0, Math.min(pool.length, budget));
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(Math.random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, take).sort((a, b) => a.at - b.at);
}

export interface FanoutSocket {
  ws: WebSocket;
  /** Since when this socket's send buffer has been over the bound (undefined: it keeps up). */
  behindSince?: number;
}

/**
 * Writes one encoded frame to every socket, `writeChunk` sockets per event-loop turn (iterating
 * 20,000 sockets at once blocks the loop 0.2–0.3 s: FIELD-NOTES "The machine"). A socket whose
 * buffer is over `maxBufferedBytes` skips the frame (bounded queue); one behind for longer than
 * `slowCloseMs` is closed with 4008 and, since a peer that reads nothing never completes the
 * closing handshake, terminated a second later.
 */
export async function writeToAll(
  targets: readonly FanoutSocket[],
  data: string,
  now: number,
  o: { maxBufferedBytes: number; slowCloseMs: number; writeChunk: number },
): Promise<void> {
  for (let i = 0; i < targets.length; i += o.writeChunk) {
    if (i > 0) await new Promise<void>((r) => setImmediate(r));
    for (const client of targets.slice(i, i + o.writeChunk)) {
      const { ws } = client;
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > o.maxBufferedBytes) {
        client.behindSince ??= now;
        if (now - client.behindSince > o.slowCloseMs) {
          ws.close(closeCodes.slowConsumer, 'slow consumer');
          setTimeout(() => ws.terminate(), 1000).unref();
        }
        continue;
      }
      client.behindSince = undefined;
      ws.send(data);
    }
  }
}
