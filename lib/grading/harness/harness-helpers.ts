/**
 * The helpers the assignment harness hands to a student's dispatch: real processes (helper-process.ts)
 * on the simulated disk, each behind the narrow `DiskHelper` interface. A helper takes one job at a
 * time and refuses a second one while busy, so a dispatch without a queue shows up as errors, not as
 * hidden extra parallelism. The counters say what the dispatch did with them.
 */
import { fork, type ChildProcess } from "node:child_process";
import { compiledModule } from "../../runtime/paths.js";
import { encodeDiskHandle, type DiskHandle } from "../../storage/index.js";
import type { DiskHelper } from "./amped-seam.js";
import { isHelperReply } from "./helper-messages.js";

export interface HelperCounters {
  /** Reads handed to helpers. */
  reads: number;
  /** Reads refused because the helper was busy. */
  refusedBusy: number;
  /** The most helpers busy at once. */
  maxBusy: number;
}

export interface HarnessHelpers {
  helpers: readonly DiskHelper[];
  counters: HelperCounters;
  /** Disconnects every helper and waits for it to exit. */
  stop(): Promise<void>;
}

interface Job {
  id: number;
  resolve(): void;
  reject(error: Error): void;
}

/** Starts `count` helper processes on the disk; resolves when each has opened it. */
export async function startHarnessHelpers(count: number, disk: DiskHandle, onRead?: (path: string, helper: number) => void): Promise<HarnessHelpers> {
  const counters: HelperCounters = { reads: 0, refusedBusy: 0, maxBusy: 0 };
  const processes: ChildProcess[] = [];
  const helpers: DiskHelper[] = [];
  let busyNow = 0;
  let nextJob = 1;
  try {
    for (let id = 0; id < count; id++) {
      const child = fork(compiledModule("grading/harness/helper-process"), [encodeDiskHandle(disk)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
      processes.push(child);
      await new Promise<void>((resolve, reject) => {
        child.once("error", reject);
        child.once("exit", (code) => reject(new Error(`helper ${id} exited with code ${code} before it was ready`)));
        child.on("message", function ready(message: unknown) {
          if (isHelperReply(message) && message.type === "ready") {
            child.off("message", ready);
            child.removeAllListeners("exit");
            resolve();
          }
        });
      });
      let current: Job | undefined;
      child.on("message", (message: unknown) => {
        if (!isHelperReply(message) || message.type !== "done" || current?.id !== message.id) return;
        const job = current;
        current = undefined;
        busyNow--;
        if (message.error === undefined) job.resolve();
        else job.reject(new Error(message.error));
      });
      child.on("exit", () => {
        if (current === undefined) return;
        const job = current;
        current = undefined;
        busyNow--;
        job.reject(new Error(`helper ${id} exited during a read`));
      });
      helpers.push({
        id,
        get busy() {
          return current !== undefined;
        },
        read(path: string, offset: number, length: number): Promise<void> {
          if (current !== undefined) {
            counters.refusedBusy++;
            return Promise.reject(new Error(`helper ${id} is busy: a helper reads one chunk at a time, so queue the read until a helper is free`));
          }
          if (!child.connected) return Promise.reject(new Error(`helper ${id} has stopped`));
          return new Promise<void>((resolve, reject) => {
            current = { id: nextJob++, resolve, reject };
            busyNow++;
            counters.reads++;
            counters.maxBusy = Math.max(counters.maxBusy, busyNow);
            onRead?.(path, id);
            child.send({ type: "read", id: current.id, path, offset, length });
          });
        },
      });
    }
  } catch (error) {
    for (const child of processes) child.kill("SIGKILL");
    throw error;
  }
  return {
    helpers,
    counters,
    async stop() {
      await Promise.all(
        processes.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once("exit", () => resolve());
              if (child.connected) child.disconnect();
              else child.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}
