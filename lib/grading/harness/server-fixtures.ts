/**
 * The server assignment's fixtures (fixture.ts), run in the submission's process around the student's
 * `createHelperDispatch`:
 *
 *   server.start  { missMs, helpers, files: [{ path: "/cold-0.bin", bytes }], warm: ["/hot-0.bin"] } → { port }
 *                 writes the files (flashlab's deterministic test content) into a fresh docroot, makes the
 *                 `warm` ones resident, and starts the harness server; reports "read" and "helper-read"
 *                 events with the URL path
 *   server.counters                      → what the dispatch did so far (dispatch-server.ts)
 *   server.stop   { graceMs }            → { counters, stopMs } after a graceful shutdown
 *   server.probe  { probe: "fifo" | … }  → the observations of a unit-level probe (dispatch-probes.ts)
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sizedFileContent } from "../../servers/index.js";
import type { Fixture, FixtureContext } from "../fixture.js";
import type { HelperDispatchFactory } from "./amped-seam.js";
import { runDispatchProbe, probeNames, type ProbeName } from "./dispatch-probes.js";
import { startDispatchServer, type DispatchServer } from "./dispatch-server.js";

/** The name the student's answer cell defines. */
export const dispatchFactoryName = "createHelperDispatch";

let running: DispatchServer | undefined;

function studentFactory(context: FixtureContext): HelperDispatchFactory {
  const factory = context.answers[dispatchFactoryName];
  if (typeof factory !== "function") throw new Error(`${dispatchFactoryName} is not defined by your cells`);
  return factory as HelperDispatchFactory;
}

interface StartArgs {
  missMs: number;
  helpers: number;
  files: Array<{ path: string; bytes: number }>;
  warm?: string[];
}

export const serverFixtures: Record<string, Fixture> = {
  async start(args, context) {
    const { missMs, helpers, files, warm = [] } = args as StartArgs;
    if (running) throw new Error("a harness server is already running in this process");
    const docroot = mkdtempSync(join(tmpdir(), "docroot-"));
    for (const file of files) writeFileSync(join(docroot, file.path), sizedFileContent(file.path, file.bytes));
    const urlPath = (path: string) => path.slice(docroot.length);
    const sizeOf = (path: string) => files.find((file) => file.path === path)?.bytes ?? 0;
    running = await startDispatchServer(studentFactory(context), {
      docroot,
      missMs,
      helpers,
      warm: warm.map((path) => ({ path: join(docroot, path), size: sizeOf(path) })),
      onRead: (path) => context.emit("read", { path: urlPath(path) }),
      onHelperRead: (path, helper) => context.emit("helper-read", { path: urlPath(path), helper }),
    });
    return { port: running.port };
  },
  async counters() {
    if (!running) throw new Error("no harness server is running");
    return running.counters();
  },
  async stop(args) {
    if (!running) throw new Error("no harness server is running");
    const server = running;
    running = undefined;
    return server.stop((args as { graceMs?: number }).graceMs);
  },
  async probe(args, context) {
    const probe = (args as { probe: ProbeName }).probe;
    if (!probeNames.includes(probe)) throw new Error(`no probe "${String(probe)}"`);
    return runDispatchProbe(probe, studentFactory(context));
  },
};
