import { describeBusContract } from './bus.contract';
import { MemoryBus } from './bus.memory';

// The memory bus is one process by definition, so the suite's between-nodes tests are skipped.
describeBusContract('memory', async (options) => new MemoryBus(options), { singleProcess: true });
