// createFlashCaches builds the caches that are switched on, each with its own counters.
import { describe, expect, it } from "vitest";
import { createFlashCaches } from "../../lib/http/index.js";

const version = { dev: 1, ino: 2, size: 11, mtimeMs: 0 };

describe("createFlashCaches", () => {
  it("builds all three caches by default", () => {
    const caches = createFlashCaches();
    expect(Object.keys(caches).sort()).toEqual(["data", "header", "path"]);
  });

  it("leaves out the caches that are switched off", () => {
    expect(Object.keys(createFlashCaches({ pathCache: false, dataCache: false }))).toEqual(["header"]);
  });

  it("sizes the data cache in bytes", () => {
    const { data } = createFlashCaches({ dataCacheBytes: 10 });
    data!.set("/f", { version, data: Buffer.alloc(11) }, 11);
    expect(data!.counters().entries).toBe(0);
    data!.set("/g", { version: { ...version, size: 10 }, data: Buffer.alloc(10) }, 10);
    expect(data!.counters()).toMatchObject({ entries: 1, bytes: 10 });
  });

  it("gives every call its own caches (per execution context)", () => {
    const a = createFlashCaches();
    const b = createFlashCaches();
    a.path!.get("/x");
    expect(b.path!.counters().misses).toBe(0);
  });
});
