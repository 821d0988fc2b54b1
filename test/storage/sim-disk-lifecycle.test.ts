// The simulated disk's life cycle: clients of a closed or killed owner get clear errors instead of
// hanging, the FIFO directory goes away, and an owner never keeps its process alive.
import { execFile } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { compiledModule } from "../../lib/runtime/paths.js";
import { createDiskOwner } from "../../lib/storage/disk-owner.js";
import type { DiskHandle } from "../../lib/storage/disk.js";
import { openDisk } from "../../lib/storage/open-disk.js";
import { killChild, makeFiles, ownerProcess } from "./probes.js";

const files = makeFiles({ a: 100, b: 100 });
afterAll(() => files.remove());
const simDirectory = (handle: DiskHandle) => (handle.kind === "sim" ? handle.directory : "");

describe("simulated disk life cycle", () => {
  it("fails clearly after the owner is closed, and removes its FIFO directory", async () => {
    const owner = createDiskOwner({ kind: "sim", latencyMs: 1 });
    const disk = openDisk(owner.handle);
    disk.readSync(files.path("a"), 0, 100);
    expect(existsSync(simDirectory(owner.handle))).toBe(true);
    await owner.close();
    expect(existsSync(simDirectory(owner.handle))).toBe(false);
    expect(() => disk.readSync(files.path("a"), 0, 100)).toThrow(/disk owner .* closed or died/);
    expect(() => disk.isResident(files.path("a"), 0, 100)).toThrow(/closed or died/);
    expect(() => openDisk(owner.handle)).toThrow(/no disk owner is listening/);
    disk.close();
  });

  it("fails clearly, without hanging, when the owner's process is killed", async () => {
    const { handle, child } = await ownerProcess({ kind: "sim", latencyMs: 1 });
    try {
      const disk = openDisk(handle);
      disk.readSync(files.path("a"), 0, 100);
      expect(disk.isResident(files.path("a"), 0, 100)).toBe(true);
      await killChild(child);
      expect(() => disk.readSync(files.path("b"), 0, 100)).toThrow(/closed or died/);
      expect(() => openDisk(handle)).toThrow(/no disk owner is listening/);
      disk.close();
      expect(existsSync(simDirectory(handle))).toBe(true); // SIGKILL ran no exit hook
      const next = createDiskOwner({ kind: "sim" });
      expect(existsSync(simDirectory(handle))).toBe(false); // the next owner removed the stale directory
      await next.close();
    } finally {
      await killChild(child);
      rmSync(simDirectory(handle), { recursive: true, force: true });
    }
  });

  it("does not keep the process alive when the owner is never closed, and cleans up at exit", async () => {
    const script = `
      import { createDiskOwner, openDisk } from ${JSON.stringify(compiledModule("storage/index"))};
      const owner = createDiskOwner({ kind: "sim", latencyMs: 5 });
      openDisk(owner.handle).readSync(${JSON.stringify(files.path("a"))}, 0, 100);
      console.log(owner.handle.directory);`;
    const started = Date.now();
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { timeout: 10_000 });
    expect(Date.now() - started).toBeLessThan(5000);
    const directory = stdout.trim();
    expect(directory).toMatch(/flashlab-disk-/);
    expect(existsSync(directory)).toBe(false);
  });
});
