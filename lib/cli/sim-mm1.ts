/**
 * `flashlab sim mm1`: the M/M/1 queue on the discrete-event engine, against theory, and how fast the
 * engine ran it.
 *
 *   flashlab sim mm1 --customers 1000000 --rho 0.9 --seed 1
 *
 * Times are in mean service times (1/μ), so the mean response compares with 1/(1 − ρ), the mean number
 * in the system with ρ/(1 − ρ) and the utilization with ρ; Little's law (L = λ·W) is checked on the
 * measured figures. The text output echoes every parameter (`ARG rho 0.9`) first. `--json` prints one
 * object with, among others, `events`, `wallMs`, `eventsPerSec` and `meanResponse`; `npm run bench sim`
 * reads it.
 */
import { UsageError } from "./args.js";
import { defineCommand } from "./command.js";
import type { CommandIO } from "./command.js";
import { asUsage, echoArguments } from "./sim-common.js";
import { simulateMM1 } from "../sim/mm1.js";
import type { MM1Result } from "../sim/mm1.js";
import { textTable } from "../viz/text-table.js";

const mm1Options = {
  customers: { type: "integer", min: 1, max: 1_000_000_000, valueName: "N", description: "customers to simulate (required); the run ends when the last one leaves" },
  rho: { type: "number", min: 0, exclusiveMin: true, default: 0.9, valueName: "X", description: "utilization ρ = λ/μ, below 1" },
  seed: { type: "integer", short: "s", min: 0, max: 4_294_967_295, default: 1, valueName: "S", description: "seed of the random stream" },
  "warmup-customers": { type: "integer", min: 0, default: 0, valueName: "N", description: "departures left out of the statistics at the start" },
  json: { type: "boolean", description: "print one JSON object instead of text" },
} as const;

interface TimedRun {
  result: MM1Result;
  wallMs: number;
  /** CPU time (user + system) of this process during the run. */
  cpuMs: number;
}

/** What --json prints: the run's figures in mean service times, with theory beside them. */
interface MM1Report {
  customers: number;
  rho: number;
  seed: number;
  warmupCustomers: number;
  events: number;
  wallMs: number;
  cpuMs: number;
  eventsPerSec: number;
  customersPerSec: number;
  meanResponse: number;
  theoryMeanResponse: number;
  meanInSystem: number;
  theoryMeanInSystem: number;
  utilization: number;
  /** Customers per mean service time (λ/μ as measured). */
  throughput: number;
  /** λ·W from the measured figures: Little's law says it equals meanInSystem. */
  littlesLawProduct: number;
}

function mm1Report({ result, wallMs, cpuMs }: TimedRun): MM1Report {
  const { customers, rho, seed, warmupCustomers } = result.options;
  return {
    customers,
    rho,
    seed,
    warmupCustomers,
    events: result.events,
    wallMs,
    cpuMs,
    eventsPerSec: result.events / (wallMs / 1000),
    customersPerSec: customers / (wallMs / 1000),
    meanResponse: result.meanResponse,
    theoryMeanResponse: 1 / (1 - rho),
    meanInSystem: result.meanInSystem,
    theoryMeanInSystem: rho / (1 - rho),
    utilization: result.utilization,
    throughput: result.throughputPerMs * result.options.meanServiceMs,
    littlesLawProduct: result.throughputPerMs * result.meanResponseMs,
  };
}

function significant(value: number): string {
  return String(Number(value.toPrecision(4)));
}

function mm1Text(run: TimedRun): string {
  const json = mm1Report(run);
  const { rho } = run.result.options;
  const rows = [
    ["mean response time W", significant(json.meanResponse), significant(json.theoryMeanResponse), "1/(1 − ρ)"],
    ["mean number in system L", significant(json.meanInSystem), significant(json.theoryMeanInSystem), "ρ/(1 − ρ)"],
    ["server utilization", significant(json.utilization), significant(rho), "ρ"],
    ["Little's law λ·W", significant(json.littlesLawProduct), significant(json.meanInSystem), "= L"],
  ];
  return [
    echoArguments([
      ["customers", json.customers],
      ["rho", rho],
      ["seed", json.seed],
      ["warmup-customers", json.warmupCustomers],
    ]),
    "",
    `M/M/1 at ρ = ${rho}, times in mean service times (1/μ); ${run.result.measuredCustomers} customers measured`,
    "",
    textTable(rows, { header: ["measure", "simulated", "theory", "formula"] }),
    "",
    `engine: ${json.events} events in ${significant(run.wallMs)} ms of wall time: ` +
      `${significant(json.eventsPerSec / 1e6)} M events/s, ${significant(json.customersPerSec / 1e6)} M customers/s`,
    "",
  ].join("\n");
}

export const mm1Command = defineCommand({
  name: "mm1",
  summary: "the M/M/1 queue against theory (mean response 1/(1 − ρ)), and the engine's speed",
  details: [
    "Example: flashlab sim mm1 --customers 1000000 --rho 0.9 --seed 1",
    "Times are in mean service times; --json prints events, wallMs, eventsPerSec and meanResponse, among others.",
  ].join("\n"),
  options: mm1Options,
  run({ options }, io: CommandIO) {
    const customers = options.customers;
    if (customers === undefined) throw new UsageError("--customers N is required (the number of customers to simulate)");
    if (options.rho >= 1) throw new UsageError(`--rho must be below 1 (at ρ ≥ 1 the queue grows without bound); got ${options.rho}`);
    if (options["warmup-customers"] >= customers) {
      throw new UsageError(`--warmup-customers must be below --customers (${customers}); got ${options["warmup-customers"]}`);
    }
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const result = asUsage(() =>
      simulateMM1({ customers, rho: options.rho, seed: options.seed, warmupCustomers: options["warmup-customers"] }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    const run = { result, wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
    io.stdout(options.json ? `${JSON.stringify(mm1Report(run))}\n` : mm1Text(run));
  },
});
