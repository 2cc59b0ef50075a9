import { gateContract } from './gate.contract';
import { MemoryGate } from './gate.memory';

gateContract('memory', async () => new MemoryGate());
