/**
 * A one-node SLURM cluster for tests, made of Debian's packages and started as root: munged with a key
 * made for the test, slurmctld and slurmd, each in the foreground as a child process, all configured in
 * a temporary folder (their own ports, sockets, state and logs; nothing in /etc is used or changed).
 * Commands reach it through SLURM_CONF, which sbatch passes on to the jobs. `stop()` cancels the jobs
 * still queued or running, stops the three daemons by pid and removes the folder.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type Daemon, freeLoopbackPort, startDaemon } from "./daemon.js";
import { waitFor } from "./wait.js";

const run = promisify(execFile);

export const slurmTools = ["munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "sinfo", "scontrol"];

export interface SlurmCluster {
  directory: string;
  /** The environment for SLURM commands (SLURM_CONF points at this cluster). */
  env: NodeJS.ProcessEnv;
  /** Runs a SLURM command (sbatch, squeue, …) against this cluster; resolves to its stdout. */
  command(name: string, args: readonly string[]): Promise<string>;
  /** Job ids (with array task ids) still queued or running. */
  queue(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startSlurmCluster(): Promise<SlurmCluster> {
  const directory = mkdtempSync(join(tmpdir(), "flashlab-slurm-"));
  for (const folder of ["state", "spool", "log"]) mkdirSync(join(directory, folder));
  const daemons: Daemon[] = [];
  const env = { ...process.env, SLURM_CONF: join(directory, "slurm.conf") };
  const command = async (name: string, args: readonly string[]) => (await run(name, [...args], { env, encoding: "utf8", timeout: 30_000 })).stdout;
  const queue = async () => (await command("squeue", ["-h", "-o", "%i"])).split("\n").map((line) => line.trim()).filter(Boolean);
  const stop = async () => {
    if (daemons.length === 3) {
      await command("scancel", ["--user", "root", "--full", "--signal", "KILL"]).catch(() => undefined);
      await command("scancel", ["--user", "root"]).catch(() => undefined);
      await waitFor("the cluster's jobs to end", async () => (await queue().catch(() => [])).length === 0, 30_000, 200).catch(() => undefined);
    }
    for (const daemon of daemons.reverse()) await daemon.stop();
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    const key = join(directory, "munge.key");
    writeFileSync(key, randomBytes(1024), { mode: 0o400 });
    const socket = join(directory, "munge.socket");
    daemons.push(
      startDaemon("munged", "munged", ["--foreground", "--force", `--socket=${socket}`, `--key-file=${key}`, `--pid-file=${join(directory, "munged.pid")}`, `--seed-file=${join(directory, "munged.seed")}`, `--log-file=${join(directory, "log", "munged.log")}`], join(directory, "log", "munged.out")),
    );
    await waitFor("munged's socket", () => existsSync(socket), 15_000, 50);
    const host = hostname().split(".")[0]!;
    const node = "flashlab-test-node";
    writeFileSync(
      env.SLURM_CONF,
      [
        "ClusterName=flashlabtest",
        `SlurmctldHost=${host}(127.0.0.1)`,
        `SlurmctldPort=${await freeLoopbackPort()}`,
        `SlurmdPort=${await freeLoopbackPort()}`,
        "SlurmUser=root",
        "SlurmdUser=root",
        "AuthType=auth/munge",
        "CredType=cred/munge",
        `AuthInfo=socket=${socket}`,
        `StateSaveLocation=${join(directory, "state")}`,
        `SlurmdSpoolDir=${join(directory, "spool")}`,
        `SlurmctldPidFile=${join(directory, "slurmctld.pid")}`,
        `SlurmdPidFile=${join(directory, "slurmd.pid")}`,
        `SlurmctldLogFile=${join(directory, "log", "slurmctld.log")}`,
        `SlurmdLogFile=${join(directory, "log", "slurmd.log")}`,
        "ProctrackType=proctrack/linuxproc",
        "TaskPlugin=task/none",
        "JobAcctGatherType=jobacct_gather/none",
        "AccountingStorageType=accounting_storage/none",
        "JobCompType=jobcomp/none",
        "SchedulerType=sched/builtin",
        "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_CPU",
        "ReturnToService=2",
        "MpiDefault=none",
        "KillWait=5",
        "MinJobAge=600",
        `NodeName=${node} NodeAddr=127.0.0.1 NodeHostname=${host} CPUs=${availableParallelism()} State=UNKNOWN`,
        `PartitionName=test Nodes=${node} Default=YES MaxTime=INFINITE State=UP`,
        "",
      ].join("\n"),
    );
    daemons.push(startDaemon("slurmctld", "slurmctld", ["-D", "-f", env.SLURM_CONF], join(directory, "log", "slurmctld.out"), { env }));
    await waitFor("slurmctld to answer", async () => (await command("sinfo", ["-h"]).then(() => true, () => false)), 30_000, 200);
    daemons.push(startDaemon("slurmd", "slurmd", ["-D", "-f", env.SLURM_CONF, "-N", node], join(directory, "log", "slurmd.out"), { env }));
    await waitFor(
      "the node to be idle",
      async () => (await command("sinfo", ["-h", "-N", "-o", "%T"]).catch(() => "")).trim() === "idle",
      60_000,
      200,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${daemons.map((daemon) => `${daemon.name}:\n${daemon.tail()}`).join("\n")}`);
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { directory, env, command, queue, stop };
}
