/**
 * The few parts of node-media-server 4.4 (untyped) that hutong uses: its RTMP session and the
 * per-stream broadcast (GOP cache + subscribers). Its servers (HTTP, admin, store) are not used.
 */
declare module 'node-media-server/src/session/rtmp_session.js' {
  import type { Socket } from 'node:net';
  import type { NmsBroadcast } from 'node-media-server/src/server/broadcast_server.js';
  interface RtmpProtocol {
    streamApp: string;
    streamName: string;
    streamQuery: Record<string, unknown>;
    streamId: number;
    parserPacket: { header: { stream_id: number } };
    onPublish(invokeMessage: { streamName: string }): void;
    respondPublish(): void;
    onConnectCallback(req: { app: string; name: string; host: string; query: Record<string, unknown> }): void;
    onPushCallback(): void;
    streamHost: string;
  }
  class RtmpSession {
    constructor(socket: Socket);
    id: string;
    ip: string;
    socket: Socket;
    rtmp: RtmpProtocol;
    broadcast: NmsBroadcast;
    isPublisher: boolean;
    inBytes: number;
    videoWidth: number;
    videoHeight: number;
    videoFramerate: number;
    run(): void;
    close(): void;
  }
  export = RtmpSession;
}

declare module 'node-media-server/src/server/broadcast_server.js' {
  export interface NmsSubscriber {
    id: string;
    ip: string;
    protocol: 'flv';
    streamPath: string;
    sendBuffer(buffer: Buffer): void;
  }
  export interface NmsBroadcast {
    streamPath: string;
    publisher: unknown;
    publishGraceMs: number;
    subscribers: Map<string, unknown>;
    postPlay(session: NmsSubscriber): string | null;
    donePlay(session: NmsSubscriber): void;
    getPublishStatus(): 'publishing' | 'reconnecting' | 'idle';
  }
}

declare module 'node-media-server/src/core/context.js' {
  import type { NmsBroadcast } from 'node-media-server/src/server/broadcast_server.js';
  const Context: {
    config: Record<string, unknown>;
    sessions: Map<string, unknown>;
    broadcasts: Map<string, NmsBroadcast>;
  };
  export = Context;
}

declare module 'node-media-server/src/core/logger.js' {
  const logger: { level: string; log(message: string, level?: string): void };
  export = logger;
}

declare module 'node-media-server/src/protocol/flv.js' {
  class Flv {
    onPacketCallback: (packet: unknown) => void;
    /** Returns an error message, or null. */
    parserData(buffer: Buffer): string | null;
  }
  export = Flv;
}

declare module 'node-media-server/src/server/broadcast_server.js' {
  class BroadcastServer {
    constructor(streamPath: string);
    publisher: Record<string, unknown> | null;
    broadcastMessage(packet: unknown): void;
  }
  export default BroadcastServer;
}
