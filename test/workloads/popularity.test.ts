/**
 * Popularity of a request stream, by hand: counts by rank, the share of the top files, and the Zipf
 * exponent of an exact power law (recovered) and of a flat stream (zero).
 */
import { describe, expect, it } from "vitest";
import { requestCountsByRank, topFilesRequestShare, zipfExponent } from "../../lib/workloads/index.js";

describe("popularity", () => {
  it("counts requests per file, most requested first, leaving out files never requested", () => {
    expect(requestCountsByRank([2, 0, 2, 2, 1, 0], 4)).toEqual([3, 2, 1]);
    expect(() => requestCountsByRank([4], 4)).toThrow(/file #4, but there are 4 files/);
  });

  it("gives the share of requests that the most requested files take", () => {
    const counts = [50, 20, 10, 10, 5, 5]; // 100 requests over 6 files
    expect(topFilesRequestShare(counts, 0.5)).toBe(0.8); // the top 3 files
    expect(topFilesRequestShare(counts, 0.01)).toBe(0.5); // at least one file
    expect(() => topFilesRequestShare(counts, 0)).toThrow(/\(0, 1\]/);
  });

  it("fits the Zipf exponent of a rank–frequency curve", () => {
    const zipf = Array.from({ length: 50 }, (_, index) => 10_000 * (index + 1) ** -1.2);
    expect(zipfExponent(zipf)).toBeCloseTo(1.2, 10);
    expect(zipfExponent([7, 7, 7, 7])).toBeCloseTo(0, 10);
    expect(zipfExponent([9])).toBeNull();
  });
});
