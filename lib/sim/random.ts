/**
 * Seeded randomness for the simulator and the workload generators.
 *
 * The generator is mulberry32 (Tommy Ettinger's 32-bit generator, in the form published in
 * bryc/code "PRNGs.md"): one 32-bit word of state, a Weyl-sequence step (+0x6D2B79F5) and a
 * multiply-xorshift output mix. It is not cryptographic, its period is 2^32 and it passes
 * gjrand/PractRand to a few GB, which is plenty for simulations of at most millions of draws.
 * What matters here is that the same seed always gives the same stream, on every platform,
 * because it uses only 32-bit integer arithmetic (`Math.imul`, shifts).
 */

/** A seeded stream of random numbers. Every method advances the same underlying stream. */
export interface Rng {
  /** The seed the stream started from (as an unsigned 32-bit integer). */
  readonly seed: number;
  /** A uniform number in [0, 1), with 32 bits of resolution. */
  next(): number;
  /** A uniform number in [low, high). */
  uniform(low: number, high: number): number;
  /** A uniform whole number in [low, high], both ends included. */
  integer(low: number, high: number): number;
  /** An exponentially distributed number with the given mean (inverse-transform sampling). */
  exponential(mean: number): number;
}

const TWO_TO_THE_32 = 4294967296;

function checkFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number; got ${value}`);
}

/**
 * Creates a mulberry32 stream from `seed`, a whole number (reduced to unsigned 32 bits, so seeds
 * that differ by a multiple of 2^32 give the same stream). Each draw costs a handful of integer ops.
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`the seed must be a whole number; got ${seed}`);
  }
  const startSeed = Number(BigInt.asUintN(32, BigInt(seed)));
  let state = startSeed | 0;

  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / TWO_TO_THE_32;
  };

  return {
    seed: startSeed,
    next,
    uniform(low, high) {
      checkFinite("low", low);
      checkFinite("high", high);
      if (high < low) throw new RangeError(`uniform(low, high) needs low ≤ high; got ${low} > ${high}`);
      return low + (high - low) * next();
    },
    integer(low, high) {
      if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || high < low) {
        throw new RangeError(`integer(low, high) needs whole numbers with low ≤ high; got ${low}, ${high}`);
      }
      return low + Math.floor((high - low + 1) * next());
    },
    exponential(mean) {
      if (!Number.isFinite(mean) || mean <= 0) {
        throw new RangeError(`exponential(mean) needs a finite mean > 0; got ${mean}`);
      }
      // 1 - next() lies in (0, 1], so the logarithm is finite.
      return -mean * Math.log(1 - next());
    },
  };
}
