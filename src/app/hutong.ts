import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Db } from '../platform/db/db.port';
import type { Bus } from '../platform/bus/bus.port';
import { systemClock, type Clock } from '../kernel/clock';
import { createIdentity, identityRoutes, type Identity } from '../identity';
import { createProducts, productsRoutes, type Products } from '../catalog';
import { createRooms, roomsRoutes, type Rooms } from '../live';
import { createRoomEvents, type RoomEvents } from '../realtime';
import type { Config } from './config';
import { createHttpServer } from './http/server';
import { openBus, openDatabase } from './infrastructure';

export const webDistDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface Hutong {
  config: Config;
  http: FastifyInstance;
  db: Db;
  bus: Bus;
  identity: Identity;
  products: Products;
  rooms: Rooms;
  roomEvents: RoomEvents;
  /** Stops taking requests, then closes the bus and the database (releasing the data-dir lock). */
  close(): Promise<void>;
}

export interface HutongOverrides {
  /** An already-open database (tests pass an in-memory PGlite); closed with the app. */
  db?: Db;
  bus?: Bus;
  clock?: Clock;
  logStream?: DestinationStream;
  /** The built web app to serve (tests build their own). */
  webDistDir?: string;
}

/**
 * The composition root: the one place that knows which adapters are in use and wires
 * contexts together. Opens the database (migrated), the bus, the services and the HTTP app.
 */
export async function createHutong(config: Config, o: HutongOverrides = {}): Promise<Hutong> {
  const clock = o.clock ?? systemClock;
  const db = o.db ?? (await openDatabase(config));
  let bus: Bus | undefined;
  try {
    bus = o.bus ?? (await openBus(config.bus));
    const identity = createIdentity({ db, clock, sessionTtlHours: config.sessionTtlHours });
    const products = createProducts({ db });
    const rooms = createRooms({ db });
    const roomEvents = createRoomEvents({ bus });

    const http = await createHttpServer({
      logLevel: config.logLevel,
      logStream: o.logStream,
      bodyLimitBytes: config.bodyLimitBytes,
      publicUrl: config.publicUrl,
      webDistDir: o.webDistDir ?? webDistDir,
      ready: () => db.ping(),
    });
    const { access, shops } = identity;
    await http.register(
      async (api) => {
        await api.register(identityRoutes, {
          ...identity,
          secureCookies: config.publicUrl.startsWith('https:'),
          loginMaxAttempts: config.loginMaxAttempts,
        });
        await api.register(productsRoutes, { products, access });
        await api.register(roomsRoutes, { rooms, shops, access });
      },
      { prefix: '/api/v1' },
    );
    await http.ready();

    const openBusHandle = bus;
    return {
      config,
      http,
      db,
      bus,
      identity,
      products,
      rooms,
      roomEvents,
      async close() {
        await http.close();
        await openBusHandle.close();
        await db.close();
      },
    };
  } catch (err) {
    await bus?.close().catch(() => {});
    await db.close().catch(() => {});
    throw err;
  }
}
