/**
 * `npm run bench loadgen`: flashlab's load generator against wrk and autocannon, side by side in one run.
 *
 * The bench starts nginx (1 worker, loopback) serving a 1 KB file, pinned to CPU 0, and runs each
 * client pinned to CPU 1 (when taskset exists and the machine has two CPUs or more), with the same
 * connections, keep-alive, and duration; flashlab streams its per-request records to a CSV file as it
 * goes. It repeats the three clients for several rounds, rotating their order, and prints each round,
 * the medians, the ratios flashlab/wrk (target ≥ 0.8) and flashlab/autocannon (target ≥ 1.5), and the
 * environment.
 * Each round also prints the mean response time next to Little's law for a closed loop with no think
 * time (mean = connections / throughput): a client whose timings are right agrees with it.
 *
 * When nginx is the bottleneck every client reaches about the same req/s, so the bench also prints each
 * client's cost: requests per client CPU-second, per run, and the ratios of their medians. Every
 * client's CPU is sampled the same way, from /proc over its whole process (start-up and, for flashlab,
 * the final summary included); flashlab's own figure over its load only is shown next to it. Per-request
 * cost falls as throughput rises (more responses per wake-up), so compare clients at similar req/s.
 *
 * Settings via the environment: FLASHLAB_BENCH_ROUNDS (default 5), FLASHLAB_BENCH_SECONDS (default 3),
 * FLASHLAB_BENCH_CONNECTIONS (default 10).
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "simple-statistics";
import { captureEnvironment } from "../experiments/environment.js";
import { runAutocannon } from "../peers/autocannon.js";
import { runFlashlabLoad } from "../peers/flashlab-load.js";
import { startNginx } from "../peers/nginx.js";
import type { PeerSummary } from "../peers/peer-summary.js";
import { findWrk, runWrk } from "../peers/wrk.js";
import { textTable } from "../viz/text-table.js";
import { benchPlacement, benchSetting } from "./settings.js";

function format(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? "-" : value.toFixed(digits);
}

type ClientName = "flashlab" | "wrk" | "autocannon";

/** Requests per client CPU-second of one run, or null without a CPU figure. */
function requestsPerCpuSecond(summary: PeerSummary): number | null {
  const cpu = summary.clientCpuPct;
  return cpu === null || cpu <= 0 ? null : summary.throughputRps / (cpu / 100);
}

/** The median of the values that are not null, or null when there are none. */
function medianOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : median(present);
}

/** Runs the loadgen benchmark and prints its ratios. */
export async function runLoadgenBenchmark(): Promise<void> {
  const rounds = benchSetting("FLASHLAB_BENCH_ROUNDS", 5);
  const durationS = benchSetting("FLASHLAB_BENCH_SECONDS", 3);
  const connections = benchSetting("FLASHLAB_BENCH_CONNECTIONS", 10);
  if (findWrk() === undefined) throw new Error("the loadgen benchmark needs wrk (Debian: apt-get install wrk)");
  const { serverCpus, clientCpus } = benchPlacement();
  const folder = mkdtempSync(join(tmpdir(), "flashlab-bench-loadgen-"));
  const docroot = join(folder, "docroot");
  const recordsFile = join(folder, "records.csv");
  mkdirSync(docroot);
  writeFileSync(join(docroot, "1k.bin"), Buffer.alloc(1024, 120));
  const nginx = await startNginx({ docroot, workers: 1, cpus: serverCpus });
  const url = `${nginx.baseUrl}/1k.bin`;
  let flashlabOwnCpuPct: number | undefined;
  const clients: Record<ClientName, () => Promise<PeerSummary>> = {
    flashlab: async () => {
      const summary = await runFlashlabLoad({ url, clients: connections, durationS, threads: 1, http: "1.1", recordsFile, cpus: clientCpus });
      flashlabOwnCpuPct = summary.load.clientCpuPct;
      return summary;
    },
    wrk: () => runWrk({ url, connections, threads: 1, durationS, cpus: clientCpus }),
    autocannon: () => runAutocannon({ url, connections, durationS, cpus: clientCpus }),
  };
  const names = Object.keys(clients) as ClientName[];
  const results: Record<ClientName, PeerSummary[]> = { flashlab: [], wrk: [], autocannon: [] };
  console.log(`nginx ${nginx.baseUrl} (1 worker, pid ${nginx.pid}) on CPU ${serverCpus ?? "any"}; clients on CPU ${clientCpus ?? "any"}`);
  console.log(`keep-alive, 1 KB file, ${connections} connections, ${durationS} s per run, ${rounds} rounds; flashlab streams records to CSV`);
  console.log("each client: 1 load thread (wrk -t 1, autocannon without workers, flashlab --threads 1), no pipelining, no warm-up");
  try {
    for (let round = 0; round < rounds; round++) {
      const order = names.map((_, i) => names[(i + round) % names.length] as ClientName);
      for (const name of order) {
        const summary = await clients[name]();
        results[name].push(summary);
        const extra = name === "flashlab" ? `  (own figure over the load: ${format(flashlabOwnCpuPct, 0)} %)  records ${(statSync(recordsFile).size / 1e6).toFixed(1)} MB` : "";
        console.log(
          `round ${round + 1}  ${name.padEnd(10)} ${format(summary.throughputRps, 0).padStart(8)} req/s  errors ${summary.errorsTotal}  ` +
            `mean ${format(summary.responseMs?.mean, 3)} ms (Little N/X ${format((1000 * connections) / summary.throughputRps, 3)})  ` +
            `p50 ${format(summary.responseMs?.p50, 3)}  p99 ${format(summary.responseMs?.p99, 3)} ms  client CPU ${format(summary.clientCpuPct, 0)} %  ` +
            `${format(requestsPerCpuSecond(summary), 0)} req/CPU-s${extra}`,
        );
      }
    }
  } finally {
    await nginx.stop();
    rmSync(folder, { recursive: true, force: true });
  }
  const medianRps = (name: ClientName) => median(results[name].map((summary) => summary.throughputRps));
  const medianCpuPct = (name: ClientName) => medianOf(results[name].map((summary) => summary.clientCpuPct));
  const medianEfficiency = (name: ClientName) => medianOf(results[name].map(requestsPerCpuSecond));
  const medians = names.map((name) => [name, medianRps(name).toFixed(0), format(medianCpuPct(name), 0), format(medianEfficiency(name), 0)]);
  console.log(`\nmedians:\n${textTable(medians, { header: ["client", "req/s", "client CPU %", "req per client CPU-second"], align: ["left", "right", "right", "right"], indent: "  " })}`);
  const versusWrk = medianRps("flashlab") / medianRps("wrk");
  const versusAutocannon = medianRps("flashlab") / medianRps("autocannon");
  console.log(`\nflashlab / wrk        = ${versusWrk.toFixed(2)}  (target ≥ 0.80: ${versusWrk >= 0.8 ? "met" : "NOT met"})`);
  console.log(`flashlab / autocannon = ${versusAutocannon.toFixed(2)}  (target ≥ 1.50: ${versusAutocannon >= 1.5 ? "met" : "NOT met"})`);
  const costRatio = (peer: ClientName) => {
    const mine = medianEfficiency("flashlab");
    const theirs = medianEfficiency(peer);
    return mine === null || theirs === null ? "-" : (mine / theirs).toFixed(2);
  };
  console.log(`req per client CPU-second: flashlab / wrk = ${costRatio("wrk")}, flashlab / autocannon = ${costRatio("autocannon")}`);
  const environment = captureEnvironment();
  console.log(
    `\nenvironment: ${environment.cpuModel ?? "unknown CPU"}, ${environment.logicalCores ?? "?"} logical cores, ` +
      `Node ${environment.nodeVersion}, load average ${environment.loadAverage?.oneMinute.toFixed(2) ?? "?"}, ` +
      `commit ${environment.gitCommit ?? "?"}${environment.gitDirty ? " (dirty)" : ""}`,
  );
  console.log(`placement: nginx taskset -c ${serverCpus ?? "(none)"}; clients taskset -c ${clientCpus ?? "(none)"}`);
}
