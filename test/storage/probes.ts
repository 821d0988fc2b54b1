/**
 * Test support: start disk probes (lib/storage/disk-probe) as worker threads or child processes, send
 * them commands, and stop them. Every probe started here is stopped by `stopAll`.
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { compiledModule } from "../../lib/runtime/paths.js";
import type { DiskHandle } from "../../lib/storage/disk.js";
import type { ProbeCommand, ProbeReport } from "../../lib/storage/disk-probe.js";
import { encodeDiskHandle } from "../../lib/storage/open-disk.js";

export interface Probe {
  name: string;
  run(command: ProbeCommand): Promise<ProbeReport>;
  stop(): Promise<void>;
}

const running = new Set<Probe>();

function nextMessage(source: Worker | ChildProcess, timeoutMs = 15_000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("probe did not answer in time")), timeoutMs);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`probe exited (${code}) before answering`));
    };
    source.once("exit", onExit);
    source.once("message", (message: unknown) => {
      clearTimeout(timer);
      source.off("exit", onExit);
      resolve(message);
    });
  });
}

/** A probe in a worker thread of this process. Resolves once its disk is open. */
export async function threadProbe(name: string, handle: DiskHandle): Promise<Probe> {
  const worker = new Worker(compiledModule("storage/disk-probe"), { workerData: { handle } });
  return register(name, worker, async () => void (await worker.terminate()));
}

/** A probe in a child process. Resolves once its disk is open. */
export async function processProbe(name: string, handle: DiskHandle): Promise<Probe> {
  const child = fork(compiledModule("storage/disk-probe"), [encodeDiskHandle(handle)], { stdio: "inherit" });
  return register(name, child, () => killChild(child));
}

/** A child process that owns a simulated disk; resolves to its handle and the child (to kill it). */
export async function ownerProcess(options: object): Promise<{ handle: DiskHandle; child: ChildProcess }> {
  const child = fork(compiledModule("storage/disk-probe"), [JSON.stringify({ own: options })], { stdio: "inherit" });
  const message = (await nextMessage(child)) as { handle: DiskHandle };
  return { handle: message.handle, child };
}

/** Kills a child by PID with SIGKILL and waits for it to be gone. */
export function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

async function register(name: string, source: Worker | ChildProcess, stop: () => Promise<void>): Promise<Probe> {
  const probe: Probe = {
    name,
    async run(command) {
      const answer = nextMessage(source);
      source instanceof Worker ? source.postMessage(command) : source.send(command);
      return (await answer) as ProbeReport;
    },
    async stop() {
      running.delete(probe);
      await stop();
    },
  };
  running.add(probe);
  const ready = await nextMessage(source);
  if (ready !== "ready") throw new Error(`probe ${name} said ${JSON.stringify(ready)}`);
  return probe;
}

/** Stops every probe still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((probe) => probe.stop()));
}

/** A fresh directory of files named by their sizes; `remove()` deletes it. */
export function makeFiles(sizes: Record<string, number>): { dir: string; path(name: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "flashlab-storage-test-"));
  for (const [name, size] of Object.entries(sizes)) writeFileSync(join(dir, name), Buffer.alloc(size, name.charCodeAt(0)));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
