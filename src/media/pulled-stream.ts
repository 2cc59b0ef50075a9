import BroadcastServer from 'node-media-server/src/server/broadcast_server.js';
import type { NmsBroadcast } from 'node-media-server/src/server/broadcast_server.js';
import Flv from 'node-media-server/src/protocol/flv.js';
import { newId } from '../kernel/ids';
import type { IngestStream } from './rtmp-ingest';

/**
 * External mode: the stream lives on nginx-rtmp or SRS; hutong's packager pulls it and also
 * writes it out as FLV, which this parses into a node-media-server broadcast of hutong's own —
 * so HTTP-FLV viewers attach exactly as in embedded mode (GOP cache, fast start).
 */
export function createPulledStream(): IngestStream & { feed(chunk: Buffer): void; end(): void } {
  const broadcast = new BroadcastServer(`/pulled/${newId()}`);
  // A stand-in publisher: NMS writes the stream's metadata (size, frame rate) onto it.
  const publisher: Record<string, unknown> = { videoWidth: 0, videoHeight: 0, videoFramerate: 0 };
  broadcast.publisher = publisher;
  const flv = new Flv();
  flv.onPacketCallback = (packet) => broadcast.broadcastMessage(packet);
  let inBytes = 0;
  let broken = false;
  return {
    broadcast: broadcast as unknown as NmsBroadcast,
    stats: () => ({
      inBytes,
      fps: Number(publisher.videoFramerate) || null,
      width: Number(publisher.videoWidth) || null,
      height: Number(publisher.videoHeight) || null,
    }),
    feed(chunk) {
      if (broken) return;
      inBytes += chunk.length;
      if (flv.parserData(chunk) !== null) broken = true;
    },
    end() {
      broadcast.publisher = null;
    },
  };
}
