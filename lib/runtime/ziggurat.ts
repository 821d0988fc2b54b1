/**
 * Exponential random numbers by the ziggurat method (Marsaglia and Tsang, "The Ziggurat Method for
 * Generating Random Variables", Journal of Statistical Software 5(8), 2000: the REXP generator with
 * 256 strips). NumPy's `Generator.exponential` and Julia's `randexp` use the same method.
 *
 * Why: inverse-transform sampling (−ln(1 − u), `Rng.exponential`) calls Math.log, which costs V8 about
 * 20 ns per draw. The ziggurat covers the density with 256 strips of equal area. A draw picks a strip
 * with the low 8 bits of one 32-bit uniform and, in about 99% of draws, accepts the point at once (one
 * table lookup, one compare, one multiply: about 5 ns). The rest fall in a strip's curved edge, tested
 * against the density, or in the tail beyond r = 7.697…, drawn as r − ln(u). The result follows the
 * exponential distribution exactly (it is a rejection method, not an approximation), at the 32-bit
 * resolution of the underlying uniforms.
 *
 * The simulator's queueing models draw with it; lib/bench/mm1.c builds the same tables, so that the
 * C program and flashlab draw the same numbers from the same seed.
 */
import type { Rng } from "./random.js";

/** Where the tail starts (the base strip's right edge), and the area of each strip. */
const tailStart = 7.69711747013104972;
const stripArea = 3.949659822581572e-3;
const twoToThe32 = 4294967296;

/** Per strip: acceptance threshold for the 32-bit uniform, its scale to x, and the density at its edge. */
const acceptBelow = new Uint32Array(256);
const scale = new Float64Array(256);
const densityAt = new Float64Array(256);

{
  let edge = tailStart;
  let previousEdge = edge;
  const baseWidth = stripArea / Math.exp(-edge);
  acceptBelow[0] = Math.floor((edge / baseWidth) * twoToThe32);
  acceptBelow[1] = 0;
  scale[0] = baseWidth / twoToThe32;
  scale[255] = edge / twoToThe32;
  densityAt[0] = 1;
  densityAt[255] = Math.exp(-edge);
  for (let strip = 254; strip >= 1; strip--) {
    edge = -Math.log(stripArea / edge + Math.exp(-edge));
    acceptBelow[strip + 1] = Math.floor((edge / previousEdge) * twoToThe32);
    previousEdge = edge;
    densityAt[strip] = Math.exp(-edge);
    scale[strip] = edge / twoToThe32;
  }
}

/** The rare case: a point outside a strip's inner rectangle, or in the tail. */
function edgeOrTail(rng: Rng, bits: number, strip: number): number {
  for (;;) {
    if (strip === 0) return tailStart - Math.log(1 - rng.next());
    const x = bits * scale[strip]!;
    if (densityAt[strip]! + rng.next() * (densityAt[strip - 1]! - densityAt[strip]!) < Math.exp(-x)) return x;
    bits = rng.nextUint32();
    strip = bits & 255;
    if (bits < acceptBelow[strip]!) return bits * scale[strip]!;
  }
}

/** Built out of line, so that the hot function stays small enough for V8 to inline. */
function badMean(mean: number): RangeError {
  return new RangeError(`an exponential mean must be a finite number > 0; got ${mean}`);
}

/** An exponentially distributed number with the given mean (finite, > 0), by the ziggurat method. O(1). */
export function exponentialZiggurat(rng: Rng, mean: number): number {
  if (!(mean > 0 && mean < Infinity)) throw badMean(mean);
  const bits = rng.nextUint32();
  const strip = bits & 255;
  // The multiplication stays inside each branch, so that the fast branch's result is never boxed.
  if (bits < acceptBelow[strip]!) return mean * (bits * scale[strip]!);
  return mean * edgeOrTail(rng, bits, strip);
}
