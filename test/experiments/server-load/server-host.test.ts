/**
 * Server and client on separate hosts, both on this machine: two network namespaces joined by a veth
 * pair, Debian's OpenSSH server in one with a key and a user made for the test (test/support/two-hosts).
 * `flashlab run --server-host user@198.18.0.2` runs in the other namespace: each point's server is
 * started over SSH on the server host, on its own copy of the workload, and loaded from the client host
 * through an emulated WAN (the load generator's per-client delay and bandwidth; the kernel has no netem).
 * In the middle of the sweep one remote server is killed and one SSH connection is cut: each ends its
 * point with a clear error and the sweep goes on; --resume then runs exactly those two points again.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTemporaryFile, readExperimentRun } from "../../../lib/experiments/index.js";
import { projectRoot } from "../../../lib/runtime/paths.js";
import { startTwoHosts, sshdPath, type TwoHosts, twoHostTools } from "../../support/two-hosts.js";
import { haveTools, havePeer } from "../../support/tools.js";
import { waitFor } from "../../support/wait.js";

const cli = join(projectRoot, "dist", "cli.js");
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn("skipping: the two-host test makes network namespaces, a Unix user and an sshd, which needs root");
const canRun = isRoot && haveTools(...twoHostTools) && havePeer(existsSync(sshdPath) ? {} : { missing: `${sshdPath} (openssh-server)` });

/** 4 runs: 2 points × 2 repetitions, each a SPED server under a 2-second load from clients 20 ms away at 8 Mbit/s. */
const spec = {
  name: "two-hosts",
  description: "server and clients on separate hosts",
  factors: { clients: [2, 4] },
  fixed: { arch: "sped", fileSizeKB: 16, clientDelayMs: 20, clientKbps: 8000 },
  metrics: ["throughputRps", "responseMsMean", "serverCpuPct"],
  seed: 5,
  profiles: { quick: { repetitions: 2, warmupS: 0, durationS: 2 }, full: { repetitions: 2, warmupS: 0, durationS: 2 } },
};

/** Runs `flashlab ARGS` in the client namespace; resolves to its exit code and output. */
function flashlabOnClient(hosts: TwoHosts, args: readonly string[]): { exited: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const [command, commandArgs] = hosts.clientCommand(process.execPath, [cli, ...args]);
  const child = spawn(command, commandArgs, { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return { exited: new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr }))) };
}

/** The test user's `flashlab serve` processes (pid → parent pid). */
function remoteServes(hosts: TwoHosts): Map<number, number> {
  const serves = new Map<number, number>();
  for (const pid of hosts.user.processes()) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (command.includes("serve") && command.includes("--control")) {
        const parent = Number(/^PPid:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]);
        serves.set(pid, parent);
      }
    } catch {
      // gone meanwhile
    }
  }
  return serves;
}

/** The sshd process of the session that runs `pid` (its nearest ancestor whose command line is "sshd: …"). */
function sshdSessionOf(pid: number): number {
  for (let ancestor = pid; ancestor > 1; ) {
    ancestor = Number(/^PPid:\s*(\d+)/m.exec(readFileSync(`/proc/${ancestor}/status`, "utf8"))![1]);
    if (readFileSync(`/proc/${ancestor}/cmdline`, "utf8").startsWith("sshd: ")) return ancestor;
  }
  throw new Error(`no sshd process above ${pid}`);
}

function runFiles(directory: string): string[] {
  return existsSync(join(directory, "runs")) ? readdirSync(join(directory, "runs")).filter((name) => name.endsWith(".json") && !isTemporaryFile(name)) : [];
}

describe.skipIf(!canRun)("a sweep with the server on another host, over SSH", () => {
  let hosts: TwoHosts;
  beforeAll(async () => {
    hosts = await startTwoHosts();
  }, 60_000);
  afterAll(async () => {
    await hosts?.stop();
  }, 60_000);

  it("serves from the server host, survives a dead server and a lost connection, and a resume reruns only those points", async () => {
    const specFile = join(hosts.directory, "two-hosts.json");
    writeFileSync(specFile, JSON.stringify(spec));
    const out = join(hosts.directory, "run");
    const sweep = flashlabOnClient(hosts, ["run", specFile, "--server-host", hosts.destination, "--ssh-config", hosts.sshConfig, "--out", out]);

    // Run 2: kill its server on the server host. Run 3: cut its SSH connection (kill the sshd process of the session).
    const seen = new Set<number>();
    const nextServe = async (): Promise<[number, number]> => {
      let found: [number, number] | undefined;
      await waitFor("a new remote flashlab serve", () => {
        found = [...remoteServes(hosts)].find(([pid]) => !seen.has(pid));
        return found !== undefined;
      }, 120_000, 25);
      seen.add(found![0]);
      return found!;
    };
    await waitFor("the first run", () => runFiles(out).length >= 1, 120_000, 50);
    for (const pid of remoteServes(hosts).keys()) seen.add(pid);
    const [killedServe] = await nextServe();
    process.kill(killedServe, "SIGKILL");
    await waitFor("the second run", () => runFiles(out).length >= 2, 120_000, 50);
    const [, wrapper] = await nextServe();
    const sshdSession = sshdSessionOf(wrapper);
    expect(readFileSync(`/proc/${sshdSession}/cmdline`, "utf8")).toMatch(new RegExp(`^sshd: ${hosts.user.name}`));
    process.kill(sshdSession, "SIGKILL");

    const first = await sweep.exited;
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).toMatch(/2 of 4 runs failed/);
    const afterFirst = await readExperimentRun(out);
    expect(afterFirst.records).toHaveLength(4);
    const failed = afterFirst.records.filter((record) => record.status === "failed");
    expect(failed.map((record) => record.order)).toEqual([2, 3]);
    expect(failed[0]!.error).toMatch(new RegExp(`^the server on ${hosts.destination} was killed \\(signal 9\\)`));
    expect(failed[1]!.error).toMatch(new RegExp(`^lost the SSH connection to ${hosts.destination}`));
    // Nothing of the server stays behind on the server host once its connection is gone.
    await waitFor("the server host's processes to end", () => remoteServes(hosts).size === 0, 30_000, 100);
    const okBefore = Object.fromEntries(afterFirst.records.filter((record) => record.status === "ok").map((record) => [record.key, readFileSync(join(out, "runs", `${record.key}.json`), "utf8")]));
    expect(Object.keys(okBefore)).toHaveLength(2);

    // --resume (no SPEC: the stored spec has the server host) runs only the two failed runs.
    const second = await flashlabOnClient(hosts, ["run", "--resume", out, "--json"]).exited;
    expect(second.code, second.stderr).toBe(0);
    const done = await readExperimentRun(out);
    expect(done.records.map((record) => record.status)).toEqual(["ok", "ok", "ok", "ok"]);
    for (const [key, text] of Object.entries(okBefore)) expect(readFileSync(join(out, "runs", `${key}.json`), "utf8")).toBe(text);
    expect(new Set(done.records.map((record) => record.session)).size).toBe(2);

    for (const record of done.records) {
      const server = record.details.server as { url: string; host: string };
      expect(server.url).toMatch(/^http:\/\/198\.18\.0\.2:\d+$/);
      expect(server.host).toBe(hosts.destination);
      expect(record.serverHost?.target).toBe(hosts.destination);
      expect(record.serverHost?.environment.nodeVersion).toBe(process.version);
      expect(record.environment.nodeVersion).toBe(process.version);
      expect(record.metrics.throughputRps).toBeGreaterThan(0);
      expect(record.metrics.errorPct).toBe(0);
      // Every request pays the emulated WAN: a round trip to connect and one for the request (20 ms each).
      expect(record.metrics.responseMsMean).toBeGreaterThan(35);
      expect(record.metrics.serverCpuPct).toBeGreaterThan(0);
      expect((record.details.window as { serverCpuOver: string }).serverCpuOver).toMatch(/read on the server host/);
    }
    // The workload was copied to the server host's own cache, as the server host's user.
    const copies = readdirSync(hosts.remoteWorkloads);
    expect(copies).toHaveLength(1);
    expect(existsSync(join(hosts.remoteWorkloads, copies[0]!, "manifest.json"))).toBe(true);
    expect(execFileSync("stat", ["-c", "%U", join(hosts.remoteWorkloads, copies[0]!)], { encoding: "utf8" }).trim()).toBe(hosts.user.name);
    console.log(
      `client host: ${JSON.stringify(done.records[0]!.environment)}\nserver host (${done.records[0]!.serverHost!.target}): ${JSON.stringify(done.records[0]!.serverHost!.environment)}\n` +
        `errors before the resume: ${failed.map((record) => `${record.key}: ${record.error}`).join(" | ")}\nsummary: ${JSON.stringify(done.summaryRows)}`,
    );
  }, 300_000);
});
