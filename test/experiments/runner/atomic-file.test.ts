/**
 * Atomic writes: while a file is being replaced, a reader sees the old content or the new one in
 * full, never a part; temporary files a killed writer left are recognised and removed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { isTemporaryFile, removeTemporaryFiles, writeFileAtomic } from "../../../lib/experiments/runner/atomic-file.js";

const folder = mkdtempSync(join(tmpdir(), "flashlab-atomic-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/**
 * A reader on another thread that reads `path` in a loop until told to stop, and reports every
 * length it saw that is neither of `lengths` (a partial file) and how many reads it made.
 */
function startReader(path: string, lengths: number[]): { stop(): Promise<{ reads: number; partial: number[] }> } {
  const source = `
    const { parentPort, workerData } = require("node:worker_threads");
    const { readFileSync } = require("node:fs");
    const shared = new Int32Array(workerData.flag);
    let reads = 0; const partial = [];
    while (Atomics.load(shared, 0) === 0) {
      let length;
      try { length = readFileSync(workerData.path).length; } catch { continue; }
      reads++;
      if (!workerData.lengths.includes(length)) partial.push(length);
    }
    parentPort.postMessage({ reads, partial });`;
  const flag = new SharedArrayBuffer(4);
  const worker = new Worker(source, { eval: true, workerData: { path, lengths, flag } });
  const result = new Promise<{ reads: number; partial: number[] }>((resolve) => worker.once("message", resolve));
  return {
    async stop() {
      Atomics.store(new Int32Array(flag), 0, 1);
      const seen = await result;
      await worker.terminate();
      return seen;
    },
  };
}

describe("writeFileAtomic", () => {
  it("never shows a reader a partly written file", async () => {
    const path = join(folder, "big.json");
    const contents = [Buffer.alloc(24 << 20, "a"), Buffer.alloc(16 << 20, "b")];
    writeFileSync(path, contents[0]!);
    const reader = startReader(path, contents.map((content) => content.length));
    for (let round = 0; round < 6; round++) await writeFileAtomic(path, contents[round % 2 === 0 ? 1 : 0]!);
    const seen = await reader.stop();
    expect(seen.reads).toBeGreaterThan(0);
    expect(seen.partial).toEqual([]);
    expect(readFileSync(path).length).toBe(contents[0]!.length);
    expect(readdirSync(folder).filter(isTemporaryFile)).toEqual([]);
  });

  it("leaves the old file alone and no temporary file when the write fails", async () => {
    const path = join(folder, "kept.json");
    writeFileSync(path, "old");
    await expect(writeFileAtomic(join(folder, "no-such-folder", "x.json"), "new")).rejects.toThrow();
    expect(readFileSync(path, "utf8")).toBe("old");
    expect(readdirSync(folder).filter(isTemporaryFile)).toEqual([]);
  });
});

describe("removeTemporaryFiles", () => {
  it("removes what a killed writer left, and nothing else", async () => {
    const sub = mkdtempSync(join(folder, "left-"));
    writeFileSync(join(sub, "p01-r1.json"), "{}");
    writeFileSync(join(sub, "p01-r2.json.tmp-4242-0a1b2c3d"), "{ half");
    writeFileSync(join(sub, "notes.tmp"), "mine");
    expect(await removeTemporaryFiles(sub)).toEqual(["p01-r2.json.tmp-4242-0a1b2c3d"]);
    expect(readdirSync(sub).sort()).toEqual(["notes.tmp", "p01-r1.json"]);
  });
});
