import { encodeMessage, logBusError, TopicFanout, type BusErrorHandler } from './bus.fanout';
import { assertTopic, type Bus, type BusHandler, type Json } from './bus.port';

/**
 * The bus between the worker processes of one node (Node's `cluster`), over their IPC channels to
 * the primary, which relays every message to every worker (`relayIpcBus`), the sender included.
 * Between nodes, use Redis or NATS.
 *
 * The IPC channel is ordered and reliable while both processes live, so messages from one worker
 * on one topic arrive in order; a worker that dies misses what was relayed meanwhile (at-most-once).
 */

/** What a worker process (or a cluster Worker, seen from the primary) offers: Node's IPC channel. */
export interface IpcChannel {
  send(message: unknown): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

interface BusEnvelope {
  hutongBus: { topic: string; text: string };
}

const isEnvelope = (message: unknown): message is BusEnvelope =>
  typeof message === 'object' && message !== null && typeof (message as BusEnvelope).hutongBus?.topic === 'string' &&
  typeof (message as BusEnvelope).hutongBus.text === 'string';

export class IpcBus implements Bus {
  readonly kind = 'ipc' as const;
  readonly #fanout: TopicFanout;
  readonly #onMessage = (message: unknown) => {
    if (isEnvelope(message)) this.#fanout.deliver(message.hutongBus.topic, message.hutongBus.text);
  };
  #closed = false;

  constructor(
    private readonly channel: IpcChannel,
    options: { onError?: BusErrorHandler } = {},
  ) {
    this.#fanout = new TopicFanout(options.onError ?? logBusError);
    channel.on('message', this.#onMessage);
  }

  async publish(topic: string, message: Json): Promise<void> {
    if (this.#closed) throw new Error('bus is closed');
    assertTopic(topic);
    const envelope: BusEnvelope = { hutongBus: { topic, text: encodeMessage(message) } };
    this.channel.send(envelope);
  }

  async subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>> {
    if (this.#closed) throw new Error('bus is closed');
    assertTopic(topic);
    // Every message reaches every worker; filtering by topic is local, so subscribing costs no round trip.
    const { remove } = this.#fanout.add(topic, handler);
    return async () => void remove();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.channel.off('message', this.#onMessage);
    this.#fanout.clear();
  }
}

/**
 * The primary's half: a listener for messages from workers that passes every bus message on to
 * every worker. `workers` is read at each message, so workers forked later (restarts) are included.
 * Wire it as `cluster.on('message', (_worker, m) => relay(m))`.
 */
export function ipcBusRelay(workers: () => Iterable<IpcChannel>): (message: unknown) => void {
  return (message) => {
    if (!isEnvelope(message)) return;
    for (const worker of workers()) worker.send(message);
  };
}
