import { describe, expect, it } from "vitest";
import {
  makeSpecweb96Workload,
  specweb96ClassShares,
  specweb96DirectoryBytes,
  specweb96DirectoryCount,
  specweb96FileBytes,
  specweb96FilesPerClass,
} from "../../lib/workloads/specweb96.js";
import { computeWorkloadStats } from "../../lib/workloads/stats.js";

describe("SPECweb96", () => {
  it("has SPEC's nine sizes per class and 36 files per directory", () => {
    expect(Array.from({ length: 9 }, (_, k) => specweb96FileBytes(1, k))).toEqual([1024, 2048, 3072, 4096, 5120, 6144, 7168, 8192, 9216]);
    expect(specweb96FileBytes(0, 0)).toBe(102);
    expect(specweb96FileBytes(2, 8)).toBe(92_160);
    expect(specweb96FileBytes(3, 8)).toBe(921_600);
    expect(specweb96DirectoryBytes).toBe(4604 + 46_080 + 460_800 + 4_608_000);
    const workload = makeSpecweb96Workload({ directories: 3, requests: 10, seed: 1 });
    expect(workload.files).toHaveLength(3 * 36);
    expect(workload.files[36 + 2 * 9 + 4]).toEqual({ path: "/file_set/dir00001/class2_4", bytes: 51_200 });
  });

  it("derives the number of directories from the target data-set size", () => {
    expect(specweb96DirectoryCount(1)).toBe(1);
    expect(specweb96DirectoryCount(100 * 1024 * 1024)).toBe(Math.round((100 * 1024 * 1024) / specweb96DirectoryBytes)); // 20
    expect(specweb96DirectoryCount(100 * 1024 * 1024)).toBe(20);
    expect(() => specweb96DirectoryCount(-5)).toThrow(/> 0/);
  });

  it("matches the class shares 35/50/14/1 % over 100k requests", () => {
    const workload = makeSpecweb96Workload({ targetBytes: 50 * 1024 * 1024, requests: 100_000, seed: 42 });
    const stats = computeWorkloadStats(workload.files, workload.requestFiles);
    const shares = stats.sizeClasses.map((entry) => entry.requestShare);
    // Binomial sd at n = 100k is at most 0.0016; allow 0.006 (≈ 4 sd) for 35/50/14 % and 0.0015 for 1 %.
    specweb96ClassShares.forEach((expected, index) => {
      expect(Math.abs(shares[index]! - expected)).toBeLessThan(index === 3 ? 0.0015 : 0.006);
    });
    expect(shares[4]).toBe(0);
  });

  it("picks directories by Zipf (rank 1 about twice rank 2) and files within a class by the truncated Poisson", () => {
    const workload = makeSpecweb96Workload({ directories: 10, requests: 100_000, seed: 9 });
    const perDirectory = new Array<number>(10).fill(0);
    const perFileInClass = new Array<number>(specweb96FilesPerClass).fill(0);
    for (const file of workload.requestFiles) {
      perDirectory[Math.floor(file / 36)]!++;
      perFileInClass[file % specweb96FilesPerClass]!++;
    }
    expect(perDirectory[0]! / perDirectory[1]!).toBeGreaterThan(1.85);
    expect(perDirectory[0]! / perDirectory[1]!).toBeLessThan(2.15);
    expect(perDirectory[0]! / perDirectory[9]!).toBeGreaterThan(8.5);
    // Poisson(4): the 4th and 5th files (k = 3, 4) are the most requested, the 9th far less.
    const top = perFileInClass.indexOf(Math.max(...perFileInClass));
    expect([3, 4]).toContain(top);
    expect(perFileInClass[8]! * 4).toBeLessThan(perFileInClass[4]!);
  });

  it("is deterministic for a seed and changes with it", () => {
    const a = makeSpecweb96Workload({ directories: 5, requests: 2000, seed: 3 });
    const b = makeSpecweb96Workload({ directories: 5, requests: 2000, seed: 3 });
    const c = makeSpecweb96Workload({ directories: 5, requests: 2000, seed: 4 });
    expect(a.requestFiles).toEqual(b.requestFiles);
    expect(a.requestFiles).not.toEqual(c.requestFiles);
  });
});
