import type { WebSocket } from 'ws';
import { closeCodes } from '../contracts/realtime.schemas';
import type { BatchLog } from './batch-log';
import { sendEncoded } from './wire';

/**
 * The loop of a hub tick that touches every socket, kept apart from the hub's bookkeeping so its
 * cost is easy to see.
 */

export interface FanoutSocket {
  ws: WebSocket;
  /** Since when this socket's send buffer has been over the bound (undefined: it keeps up). */
  behindSince?: number;
  /** The seq of the last batch this socket has (set when it joins; undefined: not joined yet). */
  seq?: number;
}

/** What one pass wrote (for the metrics). */
export interface WriteStats {
  frames: number;
  bytes: number;
  /** Sockets over their send bound, passed over this time. */
  skipped: number;
  /** Sockets closed with 4008. */
  closedSlow: number;
}

/**
 * Brings each socket up to the log's latest batch with one frame (batch-log.ts), `writeChunk`
 * sockets per event-loop turn (iterating 20,000 sockets at once blocks the loop 0.2–0.3 s:
 * FIELD-NOTES "The machine"). A socket whose buffer is over `maxBufferedBytes` is skipped this
 * time (bounded queue) and catches up in one frame when it drains; one behind for longer than
 * `slowCloseMs`, or behind further than the log reaches, is closed with 4008 and, since a peer
 * that reads nothing never completes the closing handshake, terminated a second later.
 */
export async function writeToAll(
  targets: readonly FanoutSocket[],
  log: BatchLog,
  now: number,
  options: { maxBufferedBytes: number; slowCloseMs: number; writeChunk: number },
): Promise<WriteStats> {
  const stats: WriteStats = { frames: 0, bytes: 0, skipped: 0, closedSlow: 0 };
  for (let i = 0; i < targets.length; i += options.writeChunk) {
    if (i > 0) await new Promise<void>((r) => setImmediate(r));
    for (const client of targets.slice(i, i + options.writeChunk)) {
      const { ws } = client;
      if (ws.readyState !== ws.OPEN || client.seq === undefined || client.seq >= log.seq) continue;
      if (ws.bufferedAmount > options.maxBufferedBytes) {
        client.behindSince ??= now;
        stats.skipped++;
        if (now - client.behindSince > options.slowCloseMs) {
          closeSlow(ws);
          stats.closedSlow++;
        }
        continue;
      }
      client.behindSince = undefined;
      const frame = log.since(client.seq);
      if (!frame) {
        closeSlow(ws);
        stats.closedSlow++;
        continue;
      }
      sendEncoded(ws, frame);
      client.seq = log.seq;
      stats.frames++;
      stats.bytes += frame.wire.length;
    }
  }
  return stats;
}

function closeSlow(ws: WebSocket): void {
  ws.close(closeCodes.slowConsumer, 'slow consumer');
  setTimeout(() => ws.terminate(), 1000).unref();
}
