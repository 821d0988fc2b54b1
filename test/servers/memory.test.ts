/**
 * Memory and context switches per execution context are reported from /proc, and a process costs more
 * than a thread: each MP worker's RSS exceeds each MT thread's own heap (the memory a thread adds).
 */
import { afterAll, expect, it } from "vitest";
import { readProcStatus } from "../../lib/runtime/proc.js";
import { startServer } from "../../lib/servers/start-server.js";
import { makeTestDocroot, portOf, ServerList, timedGet } from "./support.js";

const docroot = makeTestDocroot([1024]);
const servers = new ServerList();
afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
});

it("reports RSS per process, heap per thread, and context switches for each", async () => {
  const mp = servers.add(await startServer({ arch: "mp", docroot: docroot.directory, workers: 2 }));
  const mt = servers.add(await startServer({ arch: "mt", docroot: docroot.directory, workers: 2 }));
  for (const server of [mp, mt]) for (let index = 0; index < 4; index++) await timedGet(portOf(server), "/1k-0.bin");
  const [mpStats, mtStats] = await Promise.all([mp.stats(), mt.stats()]);

  const processes = mpStats.contexts.filter((context) => context.role === "worker");
  const threads = mtStats.contexts.filter((context) => context.kind === "thread");
  expect(processes).toHaveLength(2);
  expect(threads).toHaveLength(2);
  for (const context of [...processes, ...threads]) {
    expect(context.alive).toBe(true);
    expect(context.voluntaryContextSwitches).toBeGreaterThan(0);
    // The counters are the kernel's own for that process or thread: a fresh read is never lower, and
    // not far higher (only what happened in the moments since the stats were taken).
    const now = readProcStatus(context.pid, context.kind === "thread" ? context.tid : undefined)!;
    for (const counter of ["voluntaryContextSwitches", "involuntaryContextSwitches"] as const) {
      expect(Number.isInteger(context[counter])).toBe(true);
      expect(now[counter]! - context[counter]!).toBeGreaterThanOrEqual(0);
      expect(now[counter]! - context[counter]!).toBeLessThan(1000);
    }
  }
  expect(new Set(processes.map((context) => context.pid)).size).toBe(2);
  // Each thread is found under /proc/<pid>/task/<tid>: its own kernel thread, in the server's process.
  expect(new Set(threads.map((context) => context.tid)).size).toBe(2);
  for (const thread of threads) expect(thread.tid).not.toBe(thread.pid);

  const smallestProcessRss = Math.min(...processes.map((context) => context.rssBytes ?? 0));
  const largestThreadHeap = Math.max(...threads.map((context) => context.heapBytes ?? Infinity));
  expect(smallestProcessRss).toBeGreaterThan(largestThreadHeap);
  // What one more thread added to the MT process's RSS when the threads started.
  const threadIncrement = threads[0]!.rssIncrementBytes;
  expect(threadIncrement).toBeGreaterThan(0);
  expect(smallestProcessRss).toBeGreaterThan(threadIncrement!);
});
