import { connect, type NatsConnection, type Subscription } from 'nats';
import { encodeMessage, logBusError, TopicFanout, type BusErrorHandler } from './bus.fanout';
import { assertTopic, type Bus, type BusHandler, type Json } from './bus.port';

export interface NatsBusOptions {
  onError?: BusErrorHandler;
  /** Client name shown by the server's monitoring (`/connz`). */
  name?: string;
}

/**
 * NATS core. A topic is the subject itself: the portable topic alphabet has no `*`, `>` or spaces.
 * Payloads are UTF-8 JSON text, at most the server's `max_payload` (1 MiB by default) — larger
 * publishes reject.
 *
 * On a dropped connection the client reconnects (here: forever) and re-sends every SUB itself;
 * what was published meanwhile by others is lost (at-most-once). Publishes made here while
 * disconnected are buffered in memory by the client — without a bound — and sent on reconnect.
 */
export class NatsBus implements Bus {
  readonly kind = 'nats' as const;
  readonly #fanout: TopicFanout;
  /** One server subscription per topic with local handlers. */
  readonly #upstream = new Map<string, Subscription>();
  readonly #encoder = new TextEncoder();
  readonly #decoder = new TextDecoder();
  #closed = false;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly onError: BusErrorHandler,
  ) {
    this.#fanout = new TopicFanout(onError);
    // The connection only closes by itself on a fatal error (e.g. revoked credentials): say so.
    void nc.closed().then((error) => error && onError(error));
  }

  static async connect(url: string, opts: NatsBusOptions = {}): Promise<NatsBus> {
    const nc = await connect({ servers: url, name: opts.name, maxReconnectAttempts: -1 });
    return new NatsBus(nc, opts.onError ?? logBusError);
  }

  async publish(topic: string, message: Json): Promise<void> {
    this.#assertOpen();
    assertTopic(topic);
    // Handing the message to the client is enough: one connection keeps publish order, and a
    // flush per message would cost a round trip each.
    this.nc.publish(topic, this.#encoder.encode(encodeMessage(message)));
  }

  async subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>> {
    this.#assertOpen();
    assertTopic(topic);
    const { remove } = this.#fanout.add(topic, handler);
    if (!this.#upstream.has(topic)) this.#upstream.set(topic, this.#subscribeUpstream(topic));
    try {
      // The server handles SUB before the PING that flush() waits on: when this resolves the
      // subscription is active, also for publishers on other nodes.
      await this.nc.flush();
    } catch (error) {
      if (remove()) this.#unsubscribeUpstream(topic);
      throw error;
    }
    return async () => {
      if (remove() && !this.#closed) this.#unsubscribeUpstream(topic);
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // drain() unsubscribes, delivers what already arrived and flushes pending publishes, then closes.
    if (!this.nc.isClosed() && !this.nc.isDraining()) await this.nc.drain();
    this.#fanout.clear();
  }

  #subscribeUpstream(topic: string): Subscription {
    return this.nc.subscribe(topic, {
      callback: (error, msg) => {
        if (error) return this.onError(error, topic);
        this.#fanout.deliver(topic, this.#decoder.decode(msg.data));
      },
    });
  }

  #unsubscribeUpstream(topic: string): void {
    this.#upstream.get(topic)?.unsubscribe();
    this.#upstream.delete(topic);
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('bus is closed');
  }
}
