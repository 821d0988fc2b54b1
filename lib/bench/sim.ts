/**
 * `npm run bench sim`: the discrete-event engine against C and SimPy on the same M/M/1 model, side by
 * side in one run, plus the engine's own figures (events/s by heap size, memory per pending event,
 * cancelled timeouts, a 10,000-client model).
 *
 * - flashlab: `flashlab sim mm1 --json` (lib/sim/mm1.ts, the event-scheduling model);
 * - C: lib/bench/mm1.c, the same model, random numbers and binary-heap event list, compiled here with
 *   `gcc -O2` into a temporary folder (skipped, saying so, when gcc is missing);
 * - SimPy: lib/bench/mm1_simpy.py, the same queue written the SimPy way (Debian: python3-simpy3;
 *   skipped, saying so, when no python3 on this machine can import simpy);
 * - flashlab processes: the same queue written with flashlab's processes and a resource, SimPy's style.
 *
 * Each runs in its own process, all pinned to the same CPU (taskset, when there are two CPUs or more),
 * for several rounds in rotating order; the table shows medians of customers per second (wall clock)
 * and per CPU-second (less disturbed by other load on a shared machine), and the ratios flashlab / C
 * (target ≥ 0.5) and flashlab / SimPy, each the median of the ratios within a round. flashlab and C draw the same random numbers from the same seed,
 * so their mean responses must agree: the bench checks it. Nothing is installed.
 *
 * Environment knobs: FLASHLAB_BENCH_ROUNDS (default 5), FLASHLAB_BENCH_SIM_CUSTOMERS (flashlab and C,
 * default 10,000,000), FLASHLAB_BENCH_SIMPY_CUSTOMERS (SimPy and flashlab processes, default 300,000).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "simple-statistics";
import { captureEnvironment } from "../experiments/environment.js";
import { runTool } from "../peers/tool-process.js";
import { compiledModule } from "../runtime/paths.js";
import { textTable } from "../viz/text-table.js";
import { benchPlacement, benchSetting } from "./settings.js";
import { compileMM1C, findSimpy, mm1SimpySource } from "./sim-peers.js";

const rho = 0.9;
const seed = 1;

/** What each M/M/1 program prints (the fields the bench reads). */
interface MM1Run {
  customers: number;
  wallMs: number;
  cpuMs: number;
  meanResponse: number;
}

interface Contender {
  name: string;
  customers: number;
  command: string;
  args: string[];
}

async function runOnce(contender: Contender, cpus: string | undefined): Promise<MM1Run> {
  const run = await runTool(contender.command, contender.args, { cpus, timeoutMs: 600_000 });
  const lastLine = run.stdout.trim().split("\n").pop() ?? "";
  if (run.exitCode !== 0 || !lastLine.startsWith("{")) {
    throw new Error(`${contender.name} failed (exit ${run.exitCode}): ${run.stderr.trim() || run.stdout.trim()}`);
  }
  return JSON.parse(lastLine) as MM1Run;
}

/** Runs the engine probe (sim-probe.ts) once, pinned, and returns its JSON. */
async function probe(mode: string, size: number, cpus: string | undefined): Promise<Record<string, number>> {
  const run = await runTool(process.execPath, ["--expose-gc", compiledModule("bench/sim-probe"), mode, String(size)], { cpus, timeoutMs: 600_000 });
  if (run.exitCode !== 0) throw new Error(`sim-probe ${mode} ${size} failed: ${run.stderr.trim()}`);
  return JSON.parse(run.stdout.trim()) as Record<string, number>;
}

const millions = (value: number): string => (value / 1e6).toFixed(2);
const thousands = (value: number): string => (value / 1e3).toFixed(0);

/** Runs the benchmark and prints its tables. */
export async function runSimBenchmark(): Promise<void> {
  const rounds = benchSetting("FLASHLAB_BENCH_ROUNDS", 5);
  const customers = benchSetting("FLASHLAB_BENCH_SIM_CUSTOMERS", 10_000_000);
  const simpyCustomers = benchSetting("FLASHLAB_BENCH_SIMPY_CUSTOMERS", 300_000);
  const cpus = benchPlacement().serverCpus;
  const folder = mkdtempSync(join(tmpdir(), "flashlab-bench-sim-"));
  try {
    const contenders: Contender[] = [
      { name: "flashlab", customers, command: process.execPath, args: [compiledModule("cli"), "sim", "mm1", "--customers", String(customers), "--rho", String(rho), "--seed", String(seed), "--json"] },
      { name: "flashlab processes", customers: simpyCustomers, command: process.execPath, args: [compiledModule("bench/sim-probe"), "processes", String(simpyCustomers)] },
    ];
    const c = compileMM1C(folder);
    if ("binary" in c) contenders.push({ name: "C", customers, command: c.binary, args: [String(customers), String(rho), String(seed)] });
    else console.log(`C: skipped, ${c.missing}`);
    const simpy = findSimpy();
    if ("python" in simpy) {
      contenders.push({ name: "SimPy", customers: simpyCustomers, command: simpy.python, args: [mm1SimpySource, String(simpyCustomers), String(rho), String(seed)] });
    } else {
      console.log(`SimPy: skipped, ${simpy.missing}`);
    }
    console.log(`M/M/1 at ρ = ${rho}, seed ${seed}, ${rounds} rounds in rotating order; each program in its own process on CPU ${cpus ?? "(not pinned)"}`);
    console.log(`customers per run: flashlab and C ${customers}; SimPy and flashlab processes ${simpyCustomers}`);

    const runs = new Map<string, MM1Run[]>(contenders.map((contender) => [contender.name, []]));
    for (let round = 0; round < rounds; round++) {
      for (let index = 0; index < contenders.length; index++) {
        const contender = contenders[(index + round) % contenders.length]!;
        const run = await runOnce(contender, cpus);
        runs.get(contender.name)!.push(run);
        console.log(
          `round ${round + 1}  ${contender.name.padEnd(18)} ${millions(run.customers / (run.wallMs / 1000)).padStart(7)} M customers/s  ` +
            `(CPU ${((100 * run.cpuMs) / run.wallMs).toFixed(0)} % of the wall time)  mean response ${run.meanResponse.toFixed(4)}`,
        );
      }
    }

    const perSecond = (name: string): number => median(runs.get(name)!.map((run) => run.customers / (run.wallMs / 1000)));
    const perCpuSecond = (name: string): number => median(runs.get(name)!.map((run) => run.customers / (run.cpuMs / 1000)));
    const rows = contenders.map(({ name, customers: count }) => [
      name,
      count,
      millions(perSecond(name)),
      millions(perCpuSecond(name)),
      runs.get(name)![0]!.meanResponse.toFixed(6),
    ]);
    console.log(`\nmedians (theory: mean response 1/(1 − ρ) = ${(1 / (1 - rho)).toFixed(1)} mean service times)`);
    console.log(textTable(rows, { header: ["program", "customers", "M customers/s", "M customers/CPU-s", "mean response"] }));

    // Each ratio is the median over the rounds of the two programs' ratio within the round: runs of the
    // same round are close in time, so a drift in the machine's load cancels out.
    const wallRate = (run: MM1Run): number => run.customers / run.wallMs;
    const cpuRate = (run: MM1Run): number => run.customers / run.cpuMs;
    const ratio = (mine: string, theirs: string, rate: (run: MM1Run) => number): string => {
      const ours = runs.get(mine);
      const peers = runs.get(theirs);
      if (ours === undefined || peers === undefined) return "n/a";
      return `${median(ours.map((run, round) => rate(run) / rate(peers[round]!))).toFixed(2)}×`;
    };
    const ratioRows = [
      ["flashlab / C", "≥ 0.5×", ratio("flashlab", "C", wallRate), ratio("flashlab", "C", cpuRate)],
      ["flashlab / SimPy", "", ratio("flashlab", "SimPy", wallRate), ratio("flashlab", "SimPy", cpuRate)],
      ["flashlab processes / SimPy", "", ratio("flashlab processes", "SimPy", wallRate), ratio("flashlab processes", "SimPy", cpuRate)],
    ];
    console.log(`\nratios (median over the rounds of each round's ratio)\n${textTable(ratioRows, { header: ["ratio", "target", "per second", "per CPU-second"] })}`);
    if (runs.has("C")) {
      const difference = Math.abs(runs.get("flashlab")![0]!.meanResponse / runs.get("C")![0]!.meanResponse - 1);
      console.log(
        difference < 1e-9
          ? "flashlab and C computed the same model: their mean responses agree to 1e-9."
          : `WARNING: flashlab and C mean responses differ by ${difference.toExponential(2)} (relative); they should draw the same numbers.`,
      );
    }

    console.log("\nthe engine alone (lib/bench/sim-probe.ts), one run each:");
    const holds = [];
    for (const pending of [100, 10_000, 100_000]) holds.push(await probe("hold", pending, cpus));
    console.log(textTable(
      holds.map((result) => [result.pending, millions(result.eventsPerSec!)]),
      { header: ["pending events", "M events/s"], indent: "  " },
    ));
    const memory = await probe("memory", 100_000, cpus);
    console.log(
      `  memory with 100,000 pending events: ${memory.bytesPerPendingEvent!.toFixed(1)} bytes per event in all ` +
        `(${memory.queueBytesPerPendingEvent!.toFixed(1)} in the event queue's arrays)`,
    );
    const timeouts = await probe("timeouts", 10_000, cpus);
    console.log(
      `  10,000 requests in flight, each arming a timeout that is cancelled: ${thousands(timeouts.requestsCompleted!)}k requests, ` +
        `${millions(timeouts.eventsPerSec!)} M events/s; event queue ${thousands(timeouts.queueBytesAtStart!)} kB at the start, ` +
        `${thousands(timeouts.queueBytesAtEnd!)} kB at the end (bounded: cancelled entries are purged)`,
    );
    const clients = await probe("clients", 10_000, cpus);
    console.log(
      `  10,000 closed-loop clients on 2 cores (processes and a resource): ${millions(clients.eventsPerSec!)} M events/s, ` +
        `${clients.bytesPerClient!.toFixed(0)} bytes per client, ${clients.queueBytesPerPendingEvent!.toFixed(1)} bytes per pending event in the queue; ` +
        `Little's law for the closed loop, N = X·(R + Z): ${clients.littlesLawClients!.toFixed(0)}`,
    );
    const server = await probe("server", 10_000, cpus);
    console.log(
      `  10,000 clients on the AMPED server model (2026-server, 16 cores, 1 s think time): ${millions(server.eventsPerSec!)} M events/s, ` +
        `${thousands(server.requestsCompleted!)}k requests; halfway through, ${server.pendingEventsAtMid} events pending, ` +
        `${server.bytesPerPendingEvent!.toFixed(0)} bytes of model per pending event (${server.queueBytesPerPendingEvent!.toFixed(1)} in the event queue), ` +
        `${server.bytesPerClient!.toFixed(0)} bytes per client; Little's law, N = X·(R + Z): ${server.littlesLawClients!.toFixed(0)}`,
    );

    const environment = captureEnvironment();
    const gccVersion = "binary" in c ? c.gccVersion : "none";
    console.log(
      `\nmachine: ${environment.cpuModel ?? "unknown CPU"}, ${environment.logicalCores ?? "?"} logical cores, ` +
        `Node ${environment.nodeVersion}, gcc ${gccVersion}, SimPy ${"version" in simpy ? simpy.version : "none"}, ` +
        `${environment.os?.type ?? ""} ${environment.os?.release ?? ""}, commit ${environment.gitCommit ?? "unknown"}${environment.gitDirty ? " (dirty)" : ""}, ` +
        `load average ${environment.loadAverage?.oneMinute.toFixed(2) ?? "?"}`,
    );
    console.log(`placement: every program taskset -c ${cpus ?? "(none: taskset missing or one CPU)"}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
