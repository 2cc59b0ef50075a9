import { countersContract } from './counters.contract';
import { MemoryCounters } from './counters.memory';

countersContract('memory', async () => new MemoryCounters());
