/**
 * The engine measurements of `npm run bench sim` that have no C or SimPy counterpart, run in a child
 * process of their own (pinned like the rest, started with --expose-gc so that memory can be read after
 * a collection). Usage: node --expose-gc dist/bench/sim-probe.js MODE [N] — prints one JSON object.
 *
 * - hold N: N pending events, each rescheduling itself after an exponential delay: events per second
 *   at a heap of N (the engine alone, no model).
 * - memory N: N events scheduled and not run: bytes per pending event (V8 heap + array buffers, and the
 *   event queue's own arrays).
 * - timeouts N: N clients, each with a request in progress and a timeout armed for it; the request ends
 *   first, so its timeout is cancelled and both are armed again. Without purging, every request would
 *   leave a cancelled entry behind; the queue's size at the end shows that it stays bounded.
 * - clients N: a closed server model of N clients (think, then queue for one of 2 cores, then leave),
 *   written with processes: events per second, and memory per client and per pending event. Little's
 *   law for a closed system, N = X·(R + Z), checks it.
 * - processes N: M/M/1 at ρ = 0.9 for N customers written with processes and a resource (SimPy's style).
 * - server N: the AMPED architecture model (lib/sim/server-model) on the 2026-server profile, 16 cores,
 *   a 1 GB SURGE-like set, N closed-loop clients thinking 1 s each: events per second, and halfway
 *   through the measured load, the model's memory per pending event and per client. Little's law for
 *   the closed loop, N = X·(R + Z), checks it.
 */
import { createRng } from "../runtime/random.js";
import { exponentialZiggurat } from "../runtime/ziggurat.js";
import { startProcess, timeout } from "../sim/process.js";
import type { ProcessBody } from "../sim/process.js";
import { simulateQueueingStation } from "../sim/queueing-station.js";
import { Resource } from "../sim/resource.js";
import { DiscreteEventSimulator } from "../sim/simulator.js";
import type { EventHandle } from "../sim/simulator.js";
import { Tally } from "../sim/tally.js";
import { hardwareProfile } from "../sim/server-model/profiles.js";
import { surgeLikeWorkload } from "../sim/server-model/server-workload.js";
import { simulateServer } from "../sim/server-model/simulate-server.js";

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** Bytes in use (V8 heap plus array buffers) after a full collection when --expose-gc is on. */
function bytesInUse(): number {
  collectGarbage?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function timed<T>(work: () => T): { value: T; wallMs: number } {
  const started = performance.now();
  const value = work();
  return { value, wallMs: performance.now() - started };
}

function hold(pending: number): object {
  const simulator = new DiscreteEventSimulator();
  const rng = createRng(1);
  const events = Math.max(5_000_000, pending * 20);
  let remaining = events;
  const step = (chain: number): void => {
    if (--remaining > 0) simulator.schedule(exponentialZiggurat(rng, 1), step, chain);
  };
  for (let chain = 0; chain < pending; chain++) simulator.schedule(exponentialZiggurat(rng, 1), step, chain);
  const { wallMs } = timed(() => simulator.run());
  return { mode: "hold", pending, events: simulator.eventsRun, wallMs, eventsPerSec: simulator.eventsRun / (wallMs / 1000) };
}

function memory(pending: number): object {
  const simulator = new DiscreteEventSimulator();
  const rng = createRng(1);
  const action = (): void => {};
  const before = bytesInUse();
  for (let index = 0; index < pending; index++) simulator.schedule(exponentialZiggurat(rng, 1), action);
  const after = bytesInUse();
  return {
    mode: "memory",
    pending: simulator.pendingEvents,
    bytesPerPendingEvent: (after - before) / pending,
    queueBytesPerPendingEvent: simulator.eventQueueBytes / pending,
    gc: collectGarbage !== undefined,
  };
}

function timeouts(clients: number): object {
  const simulator = new DiscreteEventSimulator();
  const rng = createRng(2);
  const timers: EventHandle[] = new Array<EventHandle>(clients);
  const requests = Math.max(2_000_000, clients * 20);
  let completed = 0;
  let timedOut = 0;
  const expire = (): void => {
    timedOut++;
  };
  const finish = (client: number): void => {
    simulator.cancel(timers[client]!);
    if (++completed + clients <= requests) start(client);
  };
  const start = (client: number): void => {
    simulator.schedule(exponentialZiggurat(rng, 1), finish, client);
    timers[client] = simulator.schedule(1000, expire);
  };
  for (let client = 0; client < clients; client++) start(client);
  const bytesAtStart = simulator.eventQueueBytes;
  const { wallMs } = timed(() => simulator.run({ maxEvents: requests }));
  return {
    mode: "timeouts",
    clients,
    requestsCompleted: completed,
    timedOut,
    cancelled: completed,
    wallMs,
    eventsPerSec: simulator.eventsRun / (wallMs / 1000),
    queueBytesAtStart: bytesAtStart,
    queueBytesAtEnd: simulator.eventQueueBytes,
  };
}

function closedClients(clients: number): object {
  const simulator = new DiscreteEventSimulator();
  const rng = createRng(3);
  const cores = new Resource(simulator, { capacity: 2, name: "cores" });
  const thinkMs = 100;
  const serviceMs = 0.018; // offered load N·S/Z = 1.8 of 2 cores for 10,000 clients
  const responses = new Tally();
  const requests = Math.max(2_000_000, clients * 50);
  let completed = 0;
  let lastCompletionMs = 0;
  function* client(): ProcessBody {
    for (;;) {
      yield timeout(exponentialZiggurat(rng, thinkMs));
      if (completed >= requests) return;
      const arrivedMs = simulator.nowMs;
      const request = cores.request();
      yield request;
      yield timeout(exponentialZiggurat(rng, serviceMs));
      cores.release(request);
      completed++;
      lastCompletionMs = simulator.nowMs;
      responses.add(simulator.nowMs - arrivedMs);
    }
  }
  const before = bytesInUse();
  for (let index = 0; index < clients; index++) startProcess(simulator, client(), "client");
  simulator.run({ maxEvents: clients }); // every client starts and begins to think
  const after = bytesInUse();
  const pending = simulator.pendingEvents;
  const { wallMs } = timed(() => simulator.run());
  // Throughput over the time requests were being served (clients still thinking at the end add none).
  const throughputPerMs = completed / lastCompletionMs;
  return {
    mode: "clients",
    clients,
    requestsCompleted: completed,
    events: simulator.eventsRun,
    wallMs,
    eventsPerSec: simulator.eventsRun / (wallMs / 1000),
    bytesPerClient: (after - before) / clients,
    pendingEventsAtStart: pending,
    queueBytesPerPendingEvent: simulator.eventQueueBytes / Math.max(1, pending),
    meanResponseMs: responses.mean,
    utilization: cores.utilization(),
    littlesLawClients: throughputPerMs * (responses.mean + thinkMs),
  };
}

function processes(customers: number): object {
  const cpuBefore = process.cpuUsage();
  const { value: result, wallMs } = timed(() =>
    simulateQueueingStation({ classes: [{ arrivalRatePerMs: 0.9, service: { kind: "exponential", meanMs: 1 } }], customers, seed: 1 }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  return {
    mode: "processes",
    customers,
    events: result.events,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    customersPerSec: customers / (wallMs / 1000),
    meanResponse: result.meanResponseMs,
  };
}

function serverModel(clients: number): object {
  const thinkMs = 1000;
  const hardware = hardwareProfile("2026-server");
  const workload = surgeLikeWorkload({ datasetMB: 1024, seed: 1, requests: 100_000 });
  const options = { arch: "amped", hardware, workload, cores: 16, clients, thinkMs, thinkDistribution: "exponential", warmupS: 2, durationS: 20 } as const;
  // Timed on its own: reading memory halfway (two full collections) would slow the run it measures.
  const timedRun = simulateServer(options);
  const before = bytesInUse();
  let atMid = { pendingEvents: 0, bytes: 0, queueBytes: 0 };
  simulateServer({
    ...options,
    onMidMeasurement: (simulator) => {
      atMid = { pendingEvents: simulator.pendingEvents, bytes: bytesInUse() - before, queueBytes: simulator.eventQueueBytes };
    },
  });
  return {
    mode: "server",
    clients,
    requestsCompleted: timedRun.requests,
    events: timedRun.events,
    wallMs: timedRun.wallMs,
    eventsPerSec: timedRun.eventsPerSec,
    pendingEventsAtMid: atMid.pendingEvents,
    bytesPerPendingEvent: atMid.bytes / Math.max(1, atMid.pendingEvents),
    queueBytesPerPendingEvent: atMid.queueBytes / Math.max(1, atMid.pendingEvents),
    bytesPerClient: atMid.bytes / clients,
    throughputRps: timedRun.throughputRps,
    meanResponseMs: timedRun.responseMs.mean,
    littlesLawClients: (timedRun.throughputRps / 1000) * (timedRun.responseMs.mean + thinkMs),
  };
}

const modes: Record<string, (size: number) => object> = { hold, memory, timeouts, clients: closedClients, processes, server: serverModel };
const [mode, sizeText] = process.argv.slice(2);
const size = Number(sizeText ?? "10000");
const run = mode === undefined ? undefined : modes[mode];
if (run === undefined || !Number.isSafeInteger(size) || size < 1) {
  console.error(`usage: sim-probe MODE N, with MODE one of ${Object.keys(modes).join(", ")} and N a whole number ≥ 1`);
  process.exit(2);
}
console.log(JSON.stringify(run(size)));
