/**
 * Seeded randomness for every layer: the simulator, the workload generators, the load generator's
 * arrival times and the experiments.
 *
 * The generator is mulberry32 (Tommy Ettinger's 32-bit generator, in the form published in
 * bryc/code "PRNGs.md"): one 32-bit word of state, a Weyl-sequence step (+0x6D2B79F5) and a
 * multiply-xorshift output mix. It is not cryptographic, its period is 2^32 and it passes
 * gjrand/PractRand to a few GB, which is plenty for simulations of at most millions of draws.
 * What matters here is that the same seed always gives the same stream, on every platform,
 * because it uses only 32-bit integer arithmetic (`Math.imul`, shifts).
 *
 * The state lives in a field of a class rather than in a closure: V8 keeps a number field in place,
 * while a closure variable outside the small-integer range is boxed anew on every draw (about 3× slower).
 */

/** A seeded stream of random numbers. Every method advances the same underlying stream. */
export interface Rng {
  /** The seed the stream started from (as an unsigned 32-bit integer). */
  readonly seed: number;
  /** A uniform whole number in [0, 2^32): the generator's raw output. */
  nextUint32(): number;
  /** A uniform number in [0, 1), with 32 bits of resolution. It may be passed on its own (`random: rng.next`). */
  readonly next: () => number;
  /** A uniform number in [low, high). */
  uniform(low: number, high: number): number;
  /** A uniform whole number in [low, high], both ends included. */
  integer(low: number, high: number): number;
  /**
   * An exponentially distributed number with the given mean, by inverse-transform sampling
   * (−mean · ln(1 − u)): one uniform per draw, so a stream maps draw for draw onto the uniforms.
   * `exponentialZiggurat` (ziggurat.ts) draws the same distribution about 4× faster.
   */
  exponential(mean: number): number;
}

const TWO_TO_THE_32 = 4294967296;

function checkFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number; got ${value}`);
}

/**
 * mulberry32 behind the `Rng` interface. Its number fields are initialised where they are declared:
 * a class field declared without a value starts as undefined, and V8 then boxes every number stored
 * in it (one allocation per draw).
 */
class Mulberry32 implements Rng {
  readonly seed: number = 0;
  private state = 0;

  constructor(seed: number) {
    this.seed = seed;
    this.state = seed | 0;
  }

  nextUint32(): number {
    const state = (this.state = (this.state + 0x6d2b79f5) | 0);
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return (mixed ^ (mixed >>> 14)) >>> 0;
  }

  readonly next = (): number => this.nextUint32() / TWO_TO_THE_32;

  uniform(low: number, high: number): number {
    checkFinite("low", low);
    checkFinite("high", high);
    if (high < low) throw new RangeError(`uniform(low, high) needs low ≤ high; got ${low} > ${high}`);
    return low + (high - low) * this.next();
  }

  integer(low: number, high: number): number {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || high < low) {
      throw new RangeError(`integer(low, high) needs whole numbers with low ≤ high; got ${low}, ${high}`);
    }
    return low + Math.floor((high - low + 1) * this.next());
  }

  exponential(mean: number): number {
    if (!Number.isFinite(mean) || mean <= 0) {
      throw new RangeError(`exponential(mean) needs a finite mean > 0; got ${mean}`);
    }
    // 1 - next() lies in (0, 1], so the logarithm is finite.
    return -mean * Math.log(1 - this.next());
  }
}

/**
 * Creates a mulberry32 stream from `seed`, a whole number (reduced to unsigned 32 bits, so seeds
 * that differ by a multiple of 2^32 give the same stream). Each draw costs a handful of integer ops.
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`the seed must be a whole number; got ${seed}`);
  }
  return new Mulberry32(Number(BigInt.asUintN(32, BigInt(seed))));
}

/**
 * Seeds for `count` independent replications: streams that are disjoint stretches of one mulberry32
 * cycle, each `streamLength(count)` = ⌊2^32 / count⌋ draws long. mulberry32's state after k draws from
 * seed s is s + k·0x6D2B79F5 (mod 2^32), so seed s + i·L·0x6D2B79F5 starts exactly i·L draws further
 * along the stream of s: replication i cannot meet replication j unless one draws more than L numbers.
 * (Nearby seeds such as 1, 2, 3 give streams that are shifted copies of one another by an offset that
 * may be small, which would make replications share random numbers.) O(count).
 */
export function replicationSeeds(baseSeed: number, count: number): number[] {
  if (!Number.isSafeInteger(baseSeed)) throw new RangeError(`the base seed must be a whole number; got ${baseSeed}`);
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`the number of replications must be a whole number ≥ 1; got ${count}`);
  const start = BigInt.asUintN(32, BigInt(baseSeed));
  const stride = BigInt(streamLength(count)) * 0x6d2b79f5n;
  return Array.from({ length: count }, (_, index) => Number(BigInt.asUintN(32, start + BigInt(index) * stride)));
}

/** How many numbers each of `count` replications may draw before its stream meets the next one's. */
export function streamLength(count: number): number {
  return Math.floor(TWO_TO_THE_32 / count);
}
