/**
 * What a switch between execution contexts costs on this machine, against what it costs an event loop
 * to go from one request's handler to the next (lecture §14, the t_ctx of `t_idle > 2 · t_ctx`).
 *
 * A small Node program runs in a child process pinned to one CPU (where taskset and a CPU to pin to
 * exist): two threads hand a token back and forth through shared memory, each waiting in the kernel
 * (`Atomics.wait`, a futex) until the other hands it back. On one CPU every hand-over is a real context
 * switch: the waker runs until it blocks, then the kernel switches to the woken thread. The time per
 * hand-over is the switch plus the futex calls around it (so an upper bound on the bare switch), and
 * not the indirect cost a switch also has (caches and TLB refilled by the next thread). The same program
 * then times the event loop going from one handler to the next, two ways: a chain of `setImmediate`
 * callbacks, each scheduled by the one before, costs a whole turn of the loop per handler (a turn
 * polls for events with one system call); callbacks scheduled together run one after another in a
 * single turn, as the handlers of the events one poll returned do, at the cost of a function call each.
 */
import { spawnSync } from "node:child_process";
import { withCpuPlacement } from "../peers/tool-process.js";
import { demoPlacement } from "./server-under-load.js";

export interface ContextSwitchCost {
  /** One hand-over between two threads on one CPU (a context switch plus a futex wake and wait), µs; the median of the batches. */
  threadSwitchUs: number;
  /** One event-loop turn per callback (each setImmediate scheduled by the previous one: a poll each), µs; the median of the batches. */
  loopTurnUs: number;
  /** One callback among many that run in the same turn (all scheduled together), µs; the median of the batches. */
  handlerInTurnUs: number;
  /** The CPU the program was pinned to, or null when it ran unpinned (then a hand-over may cross CPUs: a wake-up, not a switch). */
  cpu: string | null;
  handOvers: number;
}

/** The program: prints one JSON line { threadSwitchUs, loopTurnUs, handlerInTurnUs }. argv[1]: hand-overs per batch. */
const program = String.raw`
const { Worker } = require("node:worker_threads");
const perBatch = Number(process.argv[1]);
const batches = 7;
const token = new Int32Array(new SharedArrayBuffer(4));
const worker = new Worker(
  "const { workerData } = require('node:worker_threads');" +
  "const token = new Int32Array(workerData.buffer);" +
  "for (;;) { Atomics.wait(token, 0, 0); if (Atomics.load(token, 0) === 2) break; Atomics.store(token, 0, 0); Atomics.notify(token, 0); }",
  { eval: true, workerData: { buffer: token.buffer } },
);
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
function handOvers(count) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    Atomics.store(token, 0, 1);
    Atomics.notify(token, 0);
    Atomics.wait(token, 0, 1);
  }
  return Number(process.hrtime.bigint() - started) / 1000 / (2 * count);
}
function loopTurns(count) {
  return new Promise((resolve) => {
    let left = count;
    const started = process.hrtime.bigint();
    const next = () => (--left > 0 ? setImmediate(next) : resolve(Number(process.hrtime.bigint() - started) / 1000 / count));
    setImmediate(next);
  });
}
function handlersInOneTurn(count) {
  return new Promise((resolve) => {
    let left = count;
    const started = process.hrtime.bigint();
    const handler = () => {
      if (--left === 0) resolve(Number(process.hrtime.bigint() - started) / 1000 / count);
    };
    for (let i = 0; i < count; i++) setImmediate(handler);
  });
}
worker.once("online", async () => {
  handOvers(Math.min(perBatch, 2000)); // warm-up
  const threads = [];
  for (let b = 0; b < batches; b++) threads.push(handOvers(perBatch));
  Atomics.store(token, 0, 2);
  Atomics.notify(token, 0);
  await loopTurns(perBatch);
  const turns = [];
  for (let b = 0; b < batches; b++) turns.push(await loopTurns(perBatch));
  await handlersInOneTurn(perBatch);
  const handlers = [];
  for (let b = 0; b < batches; b++) handlers.push(await handlersInOneTurn(perBatch));
  console.log(JSON.stringify({ threadSwitchUs: median(threads), loopTurnUs: median(turns), handlerInTurnUs: median(handlers) }));
  process.exit(0);
});
`;

/**
 * Runs the program (about a second) and returns the three costs. `handOversPerBatch` (default 5,000)
 * sets the length of each of the 7 timed batches. Throws when the program cannot run.
 */
export function measureContextSwitchCost(options: { handOversPerBatch?: number } = {}): ContextSwitchCost {
  const perBatch = options.handOversPerBatch ?? 5_000;
  if (!Number.isInteger(perBatch) || perBatch < 100 || perBatch > 10_000_000) throw new RangeError(`handOversPerBatch must be a whole number from 100 to 10,000,000; got ${perBatch}`);
  const cpu = demoPlacement("uniprocessor").serverCpus;
  const [file, args] = withCpuPlacement(process.execPath, ["-e", program, String(perBatch)], cpu ?? undefined);
  const run = spawnSync(file, args, { encoding: "utf8", timeout: 120_000 });
  if (run.error) throw new Error(`could not run the context-switch program: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`the context-switch program failed (exit ${run.status ?? run.signal}): ${run.stderr.trim().split("\n").slice(-3).join(" | ")}`);
  const measured = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Omit<ContextSwitchCost, "cpu" | "handOvers">;
  return { ...measured, cpu, handOvers: perBatch * 7 };
}
