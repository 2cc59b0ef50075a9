import { assertTopic, type Bus, type BusHandler, type Json } from './bus.port';
import { encodeMessage, logBusError, TopicFanout, type BusErrorHandler } from './bus.fanout';

export interface MemoryBusOptions {
  onError?: BusErrorHandler;
}

/**
 * The bus of a single process (development, tests, one-node installs). Messages are serialised when
 * published — as on the wire, so a later change to the published object is not seen — and delivered
 * in a microtask, so handlers never run inside `publish` and per-topic order is publish order.
 */
export class MemoryBus implements Bus {
  readonly kind = 'memory' as const;
  readonly #fanout: TopicFanout;
  #closed = false;

  constructor(options: MemoryBusOptions = {}) {
    this.#fanout = new TopicFanout(options.onError ?? logBusError);
  }

  async publish(topic: string, message: Json): Promise<void> {
    this.#assertOpen();
    assertTopic(topic);
    const text = encodeMessage(message);
    queueMicrotask(() => this.#fanout.deliver(topic, text));
  }

  async subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>> {
    this.#assertOpen();
    assertTopic(topic);
    const { remove } = this.#fanout.add(topic, handler);
    return async () => void remove();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#fanout.clear();
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('bus is closed');
  }
}
