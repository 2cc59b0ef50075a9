import { createHash } from 'node:crypto';

/**
 * A HyperLogLog sketch with 2^14 registers (12 KiB, standard error ≈ 0.81 %), the same precision as
 * Redis's PFADD/PFCOUNT, with the linear-counting correction for small sets, so a room with a
 * handful of viewers reads almost exactly (two of them can still share a register and count as
 * one: with 23 viewers, 1.6 % of sketches read 22).
 */
const P = 14;
const M = 1 << P;
const ALPHA = 0.7213 / (1 + 1.079 / M);

export class HyperLogLog {
  readonly registers = new Uint8Array(M);
  /**
   * Σ 2^-register and the number of zero registers, kept as registers change, so count() is O(1)
   * (every join reads the count: walking 16,384 registers per join cost 2.5 s in a 10,000-viewer
   * join storm). The sum stays exact: powers of two from 2^0 to 2^-33, 2^14 of them, fit a double.
   */
  #sum = M;
  #zeros = M;

  /** Returns true when a register changed (the estimate may have moved). */
  add(member: string): boolean {
    const h = createHash('sha1').update(member).digest();
    // The first P bits pick the register; the rank is the position of the first 1 bit in the next 32.
    const idx = h.readUInt16BE(0) >>> (16 - P);
    const w = ((h.readUInt16BE(0) << 30) | (h.readUInt32BE(2) >>> 2)) >>> 0;
    const rank = w === 0 ? 33 : Math.clz32(w) + 1;
    const old = this.registers[idx]!;
    if (rank <= old) return false;
    this.registers[idx] = rank;
    this.#sum += 2 ** -rank - 2 ** -old;
    if (old === 0) this.#zeros--;
    return true;
  }

  count(): number {
    const estimate = (ALPHA * M * M) / this.#sum;
    if (estimate <= 2.5 * M && this.#zeros > 0) return Math.round(M * Math.log(M / this.#zeros));
    return Math.round(estimate);
  }
}
