import { createHash } from 'node:crypto';

/**
 * Distinct residents without a list of them: a HyperLogLog sketch of 2^12 registers (standard
 * error ≈ 1.6 %), stored sparsely as `{ register: rank }`. Adding a resident is a `$max` on one
 * register, so adding the same resident twice, or replaying, changes nothing; sketches of several
 * days or villages merge by taking each register's maximum. Small counts use linear counting,
 * which is exact in practice until registers start to collide (hundreds of residents).
 */
const REGISTER_BITS = 12;
export const REGISTERS = 1 << REGISTER_BITS;

export type Sketch = Record<string, number>;

/** The register a resident falls in and the rank it contributes there. Only this leaves the fact. */
export function registerOf(residentId: string): { register: number; rank: number } {
  const hash = createHash('sha256').update(`lantern-resident:${residentId}`).digest();
  const head = hash.readUInt32BE(0);
  const register = head >>> (32 - REGISTER_BITS);
  // Rank: position of the first 1 bit in the next 52 bits (+1).
  const rest = (BigInt(head & ((1 << (32 - REGISTER_BITS)) - 1)) << 32n) | BigInt(hash.readUInt32BE(4));
  const width = 32 - REGISTER_BITS + 32;
  let rank = 1;
  while (rank <= width && (rest & (1n << BigInt(width - rank))) === 0n) rank += 1;
  return { register, rank };
}

export function mergeSketches(sketches: Sketch[]): Sketch {
  const merged: Sketch = {};
  for (const sketch of sketches) for (const [register, rank] of Object.entries(sketch)) merged[register] = Math.max(merged[register] ?? 0, rank);
  return merged;
}

export function estimateDistinct(sketch: Sketch): number {
  const ranks = Object.values(sketch);
  const zeros = REGISTERS - ranks.length;
  const alpha = 0.7213 / (1 + 1.079 / REGISTERS);
  const harmonic = zeros + ranks.reduce((sum, rank) => sum + 2 ** -rank, 0);
  const raw = (alpha * REGISTERS * REGISTERS) / harmonic;
  if (raw <= 2.5 * REGISTERS && zeros > 0) return Math.round(REGISTERS * Math.log(REGISTERS / zeros));
  return Math.round(raw);
}
