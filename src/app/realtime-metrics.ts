import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { HubMetrics } from '../realtime';

/** The room hubs' numbers as Prometheus metrics on the app's registry (docs/protocol.md, "Monitoring"). */
export function realtimeMetrics(registry: Registry): HubMetrics {
  const registers = [registry];
  const rooms = new Gauge({ name: 'hutong_realtime_rooms', help: 'Rooms with a hub on this node', registers });
  const sockets = new Gauge({ name: 'hutong_realtime_sockets', help: 'Room sockets open on this node', registers });
  const ticks = new Histogram({
    name: 'hutong_realtime_tick_seconds',
    help: 'Time a hub (sub-)tick took, writes included',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers,
  });
  const frames = new Counter({ name: 'hutong_realtime_frames_total', help: 'Batch frames written to room sockets', registers });
  const bytes = new Counter({ name: 'hutong_realtime_frame_bytes_total', help: 'Bytes of batch frames written to room sockets', registers });
  const skipped = new Counter({ name: 'hutong_realtime_skipped_writes_total', help: 'Writes passed over: the socket was over its send bound', registers });
  const slowCloses = new Counter({ name: 'hutong_realtime_slow_consumer_closes_total', help: 'Sockets closed with 4008 for staying behind', registers });
  const chat = new Counter({
    name: 'hutong_realtime_chat_messages_total',
    help: 'Chat messages from sockets on this node, by outcome: accepted or the REALTIME_* refusal code',
    labelNames: ['outcome'] as const,
    registers,
  });
  const chatFlow = new Counter({
    name: 'hutong_realtime_chat_flow_total',
    help: 'Chat of sockets on this node after acceptance: shown (chosen for the room), stored, or not stored: over_rate, backlog_full, closing',
    labelNames: ['what'] as const,
    registers,
  });
  const faults = new Counter({
    name: 'hutong_realtime_faults_total',
    help: 'Calls a room hub made that failed or timed out, by dependency (counters, bus, database); the room went on and retried',
    labelNames: ['dependency'] as const,
    registers,
  });
  return {
    rooms: (delta) => rooms.inc(delta),
    sockets: (delta) => sockets.inc(delta),
    tick(seconds, written) {
      ticks.observe(seconds);
      if (written.frames) frames.inc(written.frames);
      if (written.bytes) bytes.inc(written.bytes);
      if (written.skipped) skipped.inc(written.skipped);
      if (written.closedSlow) slowCloses.inc(written.closedSlow);
    },
    chat: (outcome) => chat.inc({ outcome }),
    chatFlow: (what, n) => chatFlow.inc({ what }, n),
    fault: (dependency) => faults.inc({ dependency }),
  };
}
