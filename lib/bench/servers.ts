/**
 * `npm run bench servers`: flashlab's SPED and AMPED against nginx, side by side in one run, on three
 * workloads: a cached 1 KB file over keep-alive (wrk), 1 KB with a new connection per request (ab), and
 * 100 KB over keep-alive (wrk). Every server gets the same docroot, the same client and the same CPU
 * (server on one core, client on another, when taskset exists). Each workload runs several short rounds,
 * servers in turn within a round; the table shows median requests/s and the ratio to nginx's median.
 * Next to it, the server's CPU time per request (user + system over its whole process tree, from /proc)
 * is a figure that other load on a shared machine disturbs much less than throughput.
 * flashlab's servers run with their defaults (Flash's caches on, gather writes on) except per-step
 * timing, which is off: nginx does not time its steps either.
 *
 * Environment knobs: FLASHLAB_BENCH_ROUNDS (default 5), FLASHLAB_BENCH_SECONDS (wrk duration, default 3),
 * FLASHLAB_BENCH_AB_REQUESTS (default 20000).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "simple-statistics";
import { captureEnvironment } from "../experiments/environment.js";
import { runAb, runWrk, startNginx, type PeerSummary } from "../peers/index.js";
import { writeSizedDocroot } from "../servers/size-docroot.js";
import { processTreeCpuSeconds } from "../runtime/proc.js";
import { startServer } from "../servers/start-server.js";
import { textTable } from "../viz/text-table.js";
import { benchPlacement, benchSetting } from "./settings.js";

interface Target {
  name: string;
  baseUrl: string;
  /** The server's top process (its descendants are counted with it). */
  pid: number;
  stop(): Promise<void>;
}

/** One measurement: throughput, and the server's CPU µs per request when /proc was readable. */
interface Measurement {
  rps: number;
  cpuUsPerRequest: number | undefined;
}

interface Workload {
  name: string;
  target: string;
  tool: "wrk" | "ab";
  path: string;
}

const workloads: Workload[] = [
  { name: "cached 1 KB, keep-alive", target: "≥ 1.0×", tool: "wrk", path: "/1k-0.bin" },
  { name: "1 KB, new connection per request", target: "≥ 0.8×", tool: "ab", path: "/1k-0.bin" },
  { name: "100 KB, keep-alive", target: "≥ 0.9×", tool: "wrk", path: "/100k-0.bin" },
];

async function measure(workload: Workload, target: Target, clientCpus: string | undefined, seconds: number, abRequests: number): Promise<PeerSummary & { cpuUsPerRequest: number | undefined }> {
  const url = `${target.baseUrl}${workload.path}`;
  const cpuBefore = processTreeCpuSeconds(target.pid);
  const summary = await (workload.tool === "wrk"
    ? runWrk({ url, connections: 32, threads: 1, durationS: seconds, cpus: clientCpus })
    : runAb({ url, requests: abRequests, concurrency: 16, cpus: clientCpus }));
  const cpuAfter = processTreeCpuSeconds(target.pid);
  const cpuUsPerRequest =
    cpuBefore === undefined || cpuAfter === undefined || summary.requests === 0 ? undefined : ((cpuAfter - cpuBefore) * 1e6) / summary.requests;
  return { ...summary, cpuUsPerRequest };
}

/** Runs the benchmark and prints its table. */
export async function runServersBenchmark(): Promise<void> {
  const rounds = benchSetting("FLASHLAB_BENCH_ROUNDS", 5);
  const seconds = benchSetting("FLASHLAB_BENCH_SECONDS", 3);
  const abRequests = benchSetting("FLASHLAB_BENCH_AB_REQUESTS", 20_000);
  const { serverCpus, clientCpus } = benchPlacement();
  const docroot = mkdtempSync(join(tmpdir(), "flashlab-bench-"));
  writeSizedDocroot(docroot, [1024, 100 * 1024]);
  const targets: Target[] = [];
  try {
    const nginx = await startNginx({ docroot, workers: 1, cpus: serverCpus });
    targets.push({ name: "nginx", baseUrl: nginx.baseUrl, pid: nginx.pid, stop: () => nginx.stop() });
    for (const arch of ["sped", "amped"] as const) {
      const server = await startServer({ arch, docroot, helpers: 2, timing: false, cpus: serverCpus });
      targets.push({ name: `flashlab ${arch}`, baseUrl: server.url, pid: server.pid, stop: () => server.stop() });
    }
    console.log(`placement: ${serverCpus !== undefined ? "servers (nginx: 1 worker; flashlab: all processes and threads) on CPU 0, wrk/ab on CPU 1" : "not pinned (taskset missing or one CPU)"}`);
    console.log(`rounds: ${rounds} per workload; wrk -t1 -c32 -d${seconds}s; ab -c16 -n${abRequests}`);
    const results = new Map<string, Map<string, Measurement[]>>();
    for (const workload of workloads) {
      const perTarget = new Map<string, Measurement[]>(targets.map((target) => [target.name, []]));
      results.set(workload.name, perTarget);
      for (const target of targets) await measure(workload, target, clientCpus, 1, 2000); // warm-up: caches, JIT
      for (let round = 0; round < rounds; round++) {
        // Rotate the order each round so that no server always runs first (or last) in a round.
        const order = targets.map((_, index) => targets[(index + round) % targets.length]!);
        for (const target of order) {
          const summary = await measure(workload, target, clientCpus, seconds, abRequests);
          if (summary.errorsTotal > 0) console.log(`  note: ${target.name} had ${summary.errorsTotal} errors in "${workload.name}" round ${round + 1}`);
          perTarget.get(target.name)!.push({ rps: summary.throughputRps, cpuUsPerRequest: summary.cpuUsPerRequest });
        }
      }
    }
    printTable(results, targets.map((target) => target.name));
    const environment = captureEnvironment();
    console.log(
      `\nmachine: ${environment.cpuModel ?? "unknown CPU"}, ${environment.logicalCores ?? "?"} logical cores, ` +
        `Node ${environment.nodeVersion}, ${environment.os?.type ?? ""} ${environment.os?.release ?? ""}, ` +
        `commit ${environment.gitCommit ?? "unknown"}${environment.gitDirty ? " (dirty)" : ""}, load average ${environment.loadAverage?.oneMinute ?? "?"}`,
    );
  } finally {
    for (const target of targets) await target.stop().catch(() => undefined);
    rmSync(docroot, { recursive: true, force: true });
  }
}

function printTable(results: Map<string, Map<string, Measurement[]>>, names: string[]): void {
  const header = [
    "workload",
    "target",
    ...names.map((name) => `${name} req/s`),
    ...names.slice(1).map((name) => `${name} / nginx`),
    ...names.map((name) => `${name} CPU µs/req`),
  ];
  const rows = [...results].map(([workload, perTarget]) => {
    const medians = names.map((name) => median(perTarget.get(name)!.map((measurement) => measurement.rps)));
    const cpu = names.map((name) => {
      const values = perTarget.get(name)!.flatMap((measurement) => (measurement.cpuUsPerRequest === undefined ? [] : [measurement.cpuUsPerRequest]));
      return values.length ? median(values).toFixed(1) : "n/a";
    });
    const nginx = medians[0]!;
    return [
      workload,
      workloads.find((item) => item.name === workload)!.target,
      ...medians.map((value) => Math.round(value).toString()),
      ...medians.slice(1).map((value) => `${(value / nginx).toFixed(2)}×`),
      ...cpu,
    ];
  });
  const table = textTable(rows, { header, align: header.map((_, column) => (column < 2 ? "left" : "right")), rule: false });
  console.log(`\nmedians over the rounds: throughput, its ratio to nginx, and the server's CPU time per request\n${table}`);
}
