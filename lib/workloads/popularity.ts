/**
 * How a request stream spreads over its files: the request count of each file from the most requested
 * down (the rank–frequency curve, a straight line on log–log axes for a Zipf-like stream), the share of
 * requests that the most popular files take, and the slope of that line. Web traffic is famously
 * skewed (a few files take most requests), which is what lets a cache much smaller than the data set
 * serve most requests.
 */

/** Request counts per file, most requested first; files never requested are left out. O(r + f log f). */
export function requestCountsByRank(requestFiles: readonly number[], fileCount: number): number[] {
  const counts = new Array<number>(fileCount).fill(0);
  for (const file of requestFiles) {
    if (!Number.isInteger(file) || file < 0 || file >= fileCount) throw new RangeError(`request for file #${file}, but there are ${fileCount} files`);
    counts[file]!++;
  }
  return counts.filter((count) => count > 0).sort((a, b) => b - a);
}

/** The share (0–1) of the requests that go to the most requested `fraction` of the requested files (at least one file). */
export function topFilesRequestShare(countsByRank: readonly number[], fraction: number): number {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must be in (0, 1]; got ${fraction}`);
  const total = countsByRank.reduce((sum, count) => sum + count, 0);
  if (total === 0) return 0;
  const top = Math.max(1, Math.round(countsByRank.length * fraction));
  return countsByRank.slice(0, top).reduce((sum, count) => sum + count, 0) / total;
}

/**
 * The Zipf exponent α of a rank–frequency curve, count ∝ rank^−α, fitted by least squares on
 * log(count) against log(rank). Null with fewer than two ranks. A rough summary: real traces bend away
 * from a straight line at both ends.
 */
export function zipfExponent(countsByRank: readonly number[]): number | null {
  const points = countsByRank.filter((count) => count > 0).map((count, index) => [Math.log(index + 1), Math.log(count)] as const);
  if (points.length < 2) return null;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const [x, y] of points) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  return variance === 0 ? null : -covariance / variance;
}
