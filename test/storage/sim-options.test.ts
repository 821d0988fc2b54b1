// Simulated-disk parameters: defaults, the miss-cost formula, and clear errors for bad values.
import { describe, expect, it } from "vitest";
import { createDiskOwner } from "../../lib/storage/disk-owner.js";
import {
  bytesPerMB,
  defaultSimDiskParams,
  DiskOptionsError,
  missCostMs,
  validateSimDiskOptions,
} from "../../lib/storage/sim-options.js";

describe("simulated-disk parameters", () => {
  it("fills defaults and keeps given values", () => {
    expect(validateSimDiskOptions()).toEqual(defaultSimDiskParams);
    expect(validateSimDiskOptions({ latencyMs: 0, cacheMB: 0, parallelism: 2 })).toMatchObject({
      latencyMs: 0,
      cacheMB: 0,
      parallelism: 2,
      bandwidthMBps: defaultSimDiskParams.bandwidthMBps,
    });
  });

  it.each([
    [{ latencyMs: -1 }, /latency .* ≥ 0 .*got -1/],
    [{ latencyMs: Number.NaN }, /latency/],
    [{ latencyMs: Infinity }, /latency/],
    [{ bandwidthMBps: 0 }, /bandwidth .* > 0.*got 0/],
    [{ bandwidthMBps: -5 }, /bandwidth/],
    [{ cacheMB: -1 }, /buffer-cache size .* ≥ 0/],
    [{ cacheMB: Infinity }, /buffer-cache size/],
    [{ parallelism: 0 }, /parallelism .* whole number ≥ 1/],
    [{ parallelism: 1.5 }, /parallelism/],
    [{ latencyMs: "10" as unknown as number }, /latency/],
  ])("rejects %o with a clear message", (options, message) => {
    expect(() => validateSimDiskOptions(options)).toThrow(DiskOptionsError);
    expect(() => validateSimDiskOptions(options)).toThrow(message);
    expect(() => createDiskOwner({ kind: "sim", ...options })).toThrow(message);
  });

  it("rejects an unknown disk kind", () => {
    expect(() => createDiskOwner({ kind: "tape" } as never)).toThrow(/unknown disk kind "tape"; accepted: real, cold, sim/);
  });

  it("charges latency plus size over bandwidth", () => {
    const params = validateSimDiskOptions({ latencyMs: 5, bandwidthMBps: 10 });
    expect(missCostMs(params, 0)).toBe(5);
    expect(missCostMs(params, bytesPerMB)).toBeCloseTo(105, 6);
    expect(missCostMs({ ...params, bandwidthMBps: Infinity }, 10 * bytesPerMB)).toBe(5);
  });
});
