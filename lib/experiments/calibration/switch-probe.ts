/**
 * The context-switch probe of `flashlab sim calibrate`, after lmbench's lat_ctx: two execution contexts
 * on one CPU pass a token back and forth, each blocking until the other has it, so every pass is a
 * switch. Run it pinned to one CPU (the calibration starts it under taskset); it prints one JSON object.
 *
 *   node switch-probe.js process ROUNDS   two processes, a byte over two named pipes (blocking read/write)
 *   node switch-probe.js thread ROUNDS    two threads of one process, a futex (Atomics.wait / notify)
 *
 * The switch time is (round trip − the same calls made with no switch) / 2: for processes, a pipe
 * written and read by one process (lmbench subtracts the same overhead); for threads, the Atomics calls
 * that do not wait. Not re-exported: importing it as the `child` or a worker runs that side of the probe.
 */
import { execFileSync, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

const warmupRounds = 2000;

/** One probe's result, µs. */
export interface SwitchProbeResult {
  kind: "process" | "thread";
  rounds: number;
  roundTripUs: number;
  baselineUs: number;
  switchUs: number;
}

function timeRounds(rounds: number, round: () => void): number {
  for (let index = 0; index < warmupRounds; index++) round();
  const started = process.hrtime.bigint();
  for (let index = 0; index < rounds; index++) round();
  return Number(process.hrtime.bigint() - started) / 1000 / rounds;
}

async function probeProcesses(rounds: number): Promise<SwitchProbeResult> {
  const folder = mkdtempSync(join(tmpdir(), "flashlab-switch-"));
  try {
    const [ping, pong, self] = ["ping", "pong", "self"].map((name) => join(folder, name)) as [string, string, string];
    execFileSync("mkfifo", [ping, pong, self]);
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "child", ping, pong, String(rounds + warmupRounds)], { stdio: "inherit" });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const toChild = openSync(ping, "w");
    const fromChild = openSync(pong, "r");
    const byte = Buffer.alloc(1);
    const roundTripUs = timeRounds(rounds, () => {
      writeSync(toChild, byte, 0, 1, null);
      readSync(fromChild, byte, 0, 1, null);
    });
    closeSync(toChild);
    closeSync(fromChild);
    const loop = openSync(self, "r+"); // both ends in this process: the same calls, no switch
    const baselineUs = timeRounds(rounds, () => {
      writeSync(loop, byte, 0, 1, null);
      readSync(loop, byte, 0, 1, null);
    });
    closeSync(loop);
    if ((await exited) !== 0) throw new Error("the switch probe's child process failed");
    return { kind: "process", rounds, roundTripUs, baselineUs, switchUs: Math.max(0, (roundTripUs - baselineUs) / 2) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function childSide(ping: string, pong: string, rounds: number): void {
  const fromParent = openSync(ping, "r");
  const toParent = openSync(pong, "w");
  const byte = Buffer.alloc(1);
  for (let index = 0; index < rounds; index++) {
    readSync(fromParent, byte, 0, 1, null);
    writeSync(toParent, byte, 0, 1, null);
  }
}

async function probeThreads(rounds: number): Promise<SwitchProbeResult> {
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const total = rounds + warmupRounds;
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { flags, rounds: total } });
  const ready = new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
  await ready;
  const roundTripUs = timeRounds(rounds, () => {
    Atomics.store(flags, 0, 1);
    Atomics.notify(flags, 0);
    Atomics.wait(flags, 1, 0);
    Atomics.store(flags, 1, 0);
  });
  await worker.terminate();
  const spare = new Int32Array(new SharedArrayBuffer(8));
  const baselineUs = timeRounds(rounds, () => {
    Atomics.store(spare, 0, 1);
    Atomics.notify(spare, 0);
    Atomics.wait(spare, 0, 0); // not equal: returns at once
    Atomics.store(spare, 0, 0);
  });
  return { kind: "thread", rounds, roundTripUs, baselineUs, switchUs: Math.max(0, (roundTripUs - baselineUs) / 2) };
}

function threadSide(flags: Int32Array, rounds: number): void {
  parentPort!.postMessage("ready");
  for (let index = 0; index < rounds; index++) {
    Atomics.wait(flags, 0, 0);
    Atomics.store(flags, 0, 0);
    Atomics.store(flags, 1, 1);
    Atomics.notify(flags, 1);
  }
}

if (!isMainThread && workerData !== undefined && (workerData as { flags?: unknown }).flags instanceof Int32Array) {
  const { flags, rounds } = workerData as { flags: Int32Array; rounds: number };
  threadSide(flags, rounds);
} else if (isMainThread && process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === "child") {
    childSide(rest[0]!, rest[1]!, Number(rest[2]));
  } else if (mode === "process" || mode === "thread") {
    const rounds = Number(rest[0] ?? "20000");
    const result = mode === "process" ? await probeProcesses(rounds) : await probeThreads(rounds);
    console.log(JSON.stringify(result));
  } else {
    console.error("usage: switch-probe.js process|thread [ROUNDS]");
    process.exit(2);
  }
}
