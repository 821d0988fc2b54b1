/**
 * `flashlab run SPEC`: runs an experiment spec (a built-in name or a file) through the runner, in its
 * randomized order, into a run folder, and prints the per-point summary: means with 95% confidence
 * intervals (`--json`: an array of rows). `--dry-run` prints the runs in their order with the
 * estimated time and runs nothing; `--resume RUN_DIR` continues an interrupted sweep; `--list` names
 * the built-in specs. `--shard I/N` runs one of N disjoint slices of the runs (merge the shards with
 * `flashlab results merge`); `--emit slurm` prints an sbatch script that runs the shards as a SLURM job
 * array and merges them. `--server-host [user@]HOST` runs each point's server on that host over SSH.
 * A progress bar with an ETA shows on a terminal; elsewhere one line per finished run goes to stderr. Ctrl-C stops after cleaning up the run under way (every finished run is kept) and
 * exits 130. Bad specs and flags exit 2; a sweep with failed runs exits 1 after its summary.
 */
import { mkdir, readdir } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import cliProgress from "cli-progress";
import {
  checkResumable,
  checkResumableShard,
  checkShardFits,
  checkSpec,
  describeLevels,
  describeShard,
  executorOf,
  type ExperimentProgress,
  type ExperimentSpec,
  loadSpec,
  parseShard,
  PlacementError,
  planSweep,
  type PointSummaryRow,
  readExperimentRun,
  resultsFolderFor,
  RunFolderError,
  runExperiment,
  runId,
  runsOfShard,
  ShardError,
  type ShardSpec,
  serverHostOf,
  slurmSweepScript,
  SpecError,
  type SweepPlan,
} from "../experiments/runner/index.js";
import { builtinSpec, builtinSpecs } from "../experiments/specs/index.js";
import { projectRoot } from "../runtime/paths.js";
import { notebookProfile } from "../viz/profile.js";
import { recordsTable, textTable } from "../viz/text-table.js";
import { UsageError } from "./args.js";
import { type Command, type CommandGroup, type CommandIO, defineCommand } from "./command.js";
import type { EnvironmentRecord } from "../experiments/environment.js";
import type { RunRecord } from "../experiments/runner/run-folder.js";

const runOptions = {
  profile: { type: "string", choices: ["quick", "full"], valueName: "PROFILE", description: "quick (seconds per point) or full (the figure as published); default $FLASHLAB_PROFILE, else quick" },
  out: { type: "string", valueName: "DIR", description: "write the run folder exactly here (new or empty); default datasets/results/<spec>/<run-id>" },
  resume: { type: "string", valueName: "RUN_DIR", description: "continue the interrupted sweep in RUN_DIR (its finished runs are kept, not repeated)" },
  reps: { type: "integer", min: 1, max: 1000, valueName: "N", description: "repetitions of each point (replaces the profile's)" },
  "dry-run": { type: "boolean", description: "print the runs in their randomized order with the estimated time; run nothing" },
  json: { type: "boolean", description: "print JSON: the summary rows (or, with --dry-run, the runs; with --list, the specs)" },
  list: { type: "boolean", description: "name the built-in specs, with what each shows" },
  shard: { type: "string", valueName: "I/N", description: "run only the I-th of N disjoint slices of the runs (1 ≤ I ≤ N); merge the shards with `flashlab results merge`" },
  emit: { type: "string", choices: ["slurm"], valueName: "KIND", description: "print an sbatch script that runs the sweep as a SLURM job array of shards, then merges them; run nothing" },
  shards: { type: "integer", min: 1, max: 10_000, valueName: "N", description: "with --emit slurm: the number of shards (default 4, at most the number of runs)" },
  "server-host": { type: "string", valueName: "[USER@]HOST", description: "run each point's server on HOST, started over SSH (the load generator stays here)" },
  "server-flashlab": { type: "string", valueName: "COMMAND", description: "with a server host: the command that runs flashlab there (default: this Node and checkout, at the same paths)" },
  "ssh-config": { type: "string", valueName: "FILE", description: "with a server host: the ssh_config file to use (ssh -F) instead of ~/.ssh/config" },
} as const;

/** The default number of shards of --emit slurm. */
const defaultSlurmShards = 4;

/** "1 h 02 min", "3 min 05 s", "42 s". */
function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, "0")} min`;
  if (minutes > 0) return `${minutes} min ${String(rest).padStart(2, "0")} s`;
  return `${rest} s`;
}

function shownPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown && !shown.startsWith("..") ? shown : path;
}

/** A number with 4 significant digits at most, for tables. */
function formatNumber(value: number): string {
  return Math.abs(value) >= 1000 ? String(Math.round(value)) : String(Number(value.toPrecision(4)));
}

function listSpecs(io: CommandIO, json: boolean): void {
  if (json) {
    io.stdout(`${JSON.stringify(builtinSpecs.map((spec) => ({ name: spec.name, description: spec.description })), null, 2)}\n`);
    return;
  }
  io.stdout(`${textTable(builtinSpecs.map((spec) => [spec.name, spec.description]))}\n`);
}

function planHeader(plan: SweepPlan, remaining: number, notes?: string): string {
  const factors = plan.factors.map((factor) => `${factor.name} (${factor.levels.length})`).join(" × ") || "no factors";
  return [
    ...(notes ? [wrap(notes, 100), ""] : []),
    `spec ${plan.specName}, profile ${plan.profile}: ${plan.points.length} points (${factors}) × ${plan.repetitions} repetitions = ${plan.runs.length} runs` +
      (remaining < plan.runs.length ? `, ${remaining} still to run` : ""),
    `each run: ${plan.timing.warmupS} s warm-up, ${plan.timing.durationS} s measured; order randomized in blocks by seed ${plan.seed}`,
  ].join("\n");
}

/** `text` in lines of at most `width` characters, broken at spaces. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return [...lines, line].join("\n");
}

function printDryRun(io: CommandIO, spec: ExperimentSpec, plan: SweepPlan, done: ReadonlySet<string>, json: boolean, estimate: (key: string) => number, shard?: ShardSpec): void {
  const runs = plan.runs.filter((run) => !done.has(run.key));
  if (json) {
    io.stdout(`${JSON.stringify(runs.map((run) => ({ ...run.point.levels, rep: run.rep })), null, 2)}\n`);
    return;
  }
  const rows = runs.map((run) => ({ order: run.order, run: run.key, ...run.point.levels, rep: run.rep, "est. s": Number(estimate(run.key).toFixed(1)) }));
  const columns = ["order", "run", ...plan.factors.map((factor) => factor.name), "rep", "est. s"];
  const total = runs.reduce((sum, run) => sum + estimate(run.key), 0);
  const body = runs.length === 0 ? "every run is finished; nothing is left to run" : `${recordsTable(columns, rows)}\n\nestimated time: ${formatDuration(total)} (nothing was run)`;
  const shardLine = shard ? `\n${describeShard(shard)}: the runs at positions ${shard.index}, ${shard.index + shard.count}, … of the order` : "";
  io.stdout(`${planHeader(plan, runs.length, spec.notes ?? spec.description)}${shardLine}\n\n${body}\n`);
}

/** The summary as text: levels, n, failed, and each metric's mean ± half the 95% interval. */
function summaryText(plan: SweepPlan, rows: readonly PointSummaryRow[]): string {
  const cells = rows.map((row) => {
    const line: Record<string, unknown> = {};
    for (const factor of plan.factors) line[factor.name] = row[factor.name];
    line.n = row.n;
    if (rows.some((other) => other.failed !== 0)) line.failed = row.failed;
    for (const metric of plan.metrics) {
      const mean = row[`${metric}Mean`];
      const low = row[`${metric}CiLow`];
      const high = row[`${metric}CiHigh`];
      line[metric] =
        typeof mean !== "number" ? "" : typeof low === "number" && typeof high === "number" ? `${formatNumber(mean)} ± ${formatNumber((high - low) / 2)}` : formatNumber(mean);
    }
    return line;
  });
  const columns = Object.keys(cells[0] ?? {});
  return recordsTable(columns, cells);
}

/** "Intel Xeon, 2 cores, Node v24.1.0, commit 0123456789ab (modified), host vm". */
function machineLine(environment: EnvironmentRecord): string {
  const commit = `commit ${environment.gitCommit?.slice(0, 12) ?? "unknown"}${environment.gitDirty ? " (modified)" : ""}`;
  return `${environment.cpuModel ?? "unknown CPU"}, ${environment.logicalCores ?? "?"} cores, Node ${environment.nodeVersion}, ${commit}${environment.hostname ? `, host ${environment.hostname}` : ""}`;
}

/** One line per server host the runs used: where, and its machine. */
function serverHostLines(records: readonly RunRecord[]): string[] {
  const hosts = new Map(records.flatMap((record) => (record.serverHost ? [[record.serverHost.target, record.serverHost.environment] as const] : [])));
  return [...hosts].map(([target, environment]) => `server host ${target}: ${machineLine(environment)}`);
}

/** Progress on a terminal (a bar with an ETA) or elsewhere (a line per finished run). */
function progressReporter(io: CommandIO, total: number): { update(progress: ExperimentProgress): void; log(line: string): void; stop(): void } {
  if (!io.isTTY) {
    const width = String(total).length;
    return {
      update(progress) {
        const run = progress.last;
        if (run === undefined) return;
        const head = `[${String(progress.finished).padStart(width)}/${total}] ${run.key} ${describeLevels(run.levels)}`;
        const body = run.status === "ok" ? `ok in ${run.wallS.toFixed(1)} s` : `FAILED: ${run.error}`;
        const warned = run.warnings.length > 0 ? ` (warning: ${run.warnings.join("; ")})` : "";
        io.stderr(`${head}: ${body}${warned}; about ${formatDuration(progress.etaS)} to go\n`);
      },
      log: (line) => io.stderr(`${line}\n`),
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: "run [{bar}] {value}/{total} runs | {failed} failed | ETA {eta_text} | {current}", stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { failed: 0, eta_text: "…", current: "" });
  return {
    update(progress) {
      const current = progress.current ? `${progress.current.key} ${describeLevels(progress.current.point.levels)}` : "";
      bar.update(progress.finished, { failed: progress.failed, eta_text: formatDuration(progress.etaS), current });
    },
    log: (line) => io.stderr(`\r\x1b[K${line}\n`), // the bar redraws below it on its next update
    stop: () => bar.stop(),
  };
}

/** The spec with the command line's server host, if any, folded in (so that run.json records it and a resume finds it). */
function withServerHost(spec: ExperimentSpec, flags: { "server-host"?: string; "server-flashlab"?: string; "ssh-config"?: string }): ExperimentSpec {
  const host = flags["server-host"];
  const stored = serverHostOf(spec);
  if (host === undefined && stored === undefined) {
    const stray = (["server-flashlab", "ssh-config"] as const).filter((flag) => flags[flag] !== undefined);
    if (stray.length > 0) throw new UsageError(`${stray.map((flag) => `--${flag}`).join(", ")}: only with a server host (--server-host [USER@]HOST, or serverHost in the spec)`);
    return spec;
  }
  if (host === undefined && flags["server-flashlab"] === undefined && flags["ssh-config"] === undefined) return spec;
  const serverHost = {
    ...stored,
    ...(host !== undefined ? { host } : {}),
    ...(flags["server-flashlab"] !== undefined ? { flashlab: flags["server-flashlab"] } : {}),
    ...(flags["ssh-config"] !== undefined ? { sshConfig: resolve(flags["ssh-config"]) } : {}),
  } as { host: string; flashlab?: string; sshConfig?: string };
  try {
    return checkSpec({ ...spec, serverHost }, "--server-host");
  } catch (error) {
    if (error instanceof SpecError) throw new UsageError(error.problems.map((problem) => problem.replace(/^serverHost(\.host)?: /, "--server-host: ")).join("; "));
    throw error;
  }
}

/** Fails unless `directory` is absent or empty. */
async function checkEmptyFolder(directory: string, flag: string): Promise<void> {
  const entries = await readdir(directory).catch(() => []);
  if (entries.length > 0) throw new UsageError(`${flag} ${directory} is not empty; give a new folder`);
}

/** `--emit slurm`: makes the results folder (SLURM writes the tasks' logs there) and prints the sbatch script. */
async function emitSlurm(io: CommandIO, source: string, spec: ExperimentSpec, plan: SweepPlan, flags: { shards?: number; out?: string; reps?: number; "server-host"?: string; "server-flashlab"?: string; "ssh-config"?: string }): Promise<number> {
  const shards = flags.shards ?? Math.min(defaultSlurmShards, plan.runs.length);
  try {
    checkShardFits({ index: 1, count: shards }, plan.runs.length);
  } catch (error) {
    throw new UsageError(`--shards ${shards}: ${(error as Error).message.replace(/^1\/\d+: /, "")}`);
  }
  const resultsRoot = flags.out !== undefined ? resolve(flags.out) : join(resultsFolderFor(spec.name), `${runId(plan.profile)}-slurm`);
  await checkEmptyFolder(resultsRoot, "--out");
  const specWord = builtinSpec(source) !== undefined ? source : isAbsolute(source) ? source : resolve(source);
  const runArguments = [specWord, "--profile", plan.profile];
  if (flags.reps !== undefined) runArguments.push("--reps", String(flags.reps));
  if (flags["server-host"] !== undefined) runArguments.push("--server-host", flags["server-host"]);
  if (flags["server-flashlab"] !== undefined) runArguments.push("--server-flashlab", flags["server-flashlab"]);
  if (flags["ssh-config"] !== undefined) runArguments.push("--ssh-config", resolve(flags["ssh-config"]));
  const executor = executorOf(spec);
  const script = slurmSweepScript({
    plan,
    shards,
    resultsRoot,
    runArguments,
    flashlab: [process.execPath, join(projectRoot, "bin", "flashlab.js")],
    estimateSeconds: (run) => executor.estimateSeconds(run.point.settings, plan.timing),
  });
  await mkdir(join(resultsRoot, "slurm"), { recursive: true });
  io.stdout(script);
  io.stderr(`flashlab run: made ${shownPath(resultsRoot)} for the ${shards} shards, the merged run (merged/) and SLURM's logs (slurm/); submit the script with sbatch\n`);
  return 0;
}

/** The spec to run: from SPEC, or (with --resume and no SPEC) the one the run folder was made by. */
async function specFor(source: string | undefined, resume: string | undefined): Promise<{ spec: ExperimentSpec; stored?: Awaited<ReturnType<typeof readExperimentRun>> }> {
  const stored = resume === undefined ? undefined : await readExperimentRun(resume);
  if (source !== undefined) return { spec: await loadSpec(source), ...(stored ? { stored } : {}) };
  if (stored === undefined) throw new UsageError("missing SPEC: a built-in spec's name (see --list) or a spec file");
  return { spec: checkSpec(stored.manifest.spec, `the spec stored in ${resume}`), stored };
}

const runCommand = defineCommand({
  name: "run",
  summary: "run an experiment spec (a sweep of real servers under load) and summarize it with confidence intervals",
  details: [
    "SPEC is a built-in spec (flashlab run --list) or a file: JSON, or a .js/.mjs/.ts module exporting the spec.",
    "Each point runs once per repetition, in an order randomized from the spec's seed; each finished run is",
    "written at once to the run folder (run.json, runs/<run>.json, runs.csv, summary.csv, summary.json).",
    "With --resume RUN_DIR and no SPEC, the spec stored in RUN_DIR is used; runs that failed are run again.",
    "--shard I/N runs the runs at positions I, I+N, I+2N, … of the order into a folder of its own; merge the N",
    "folders with `flashlab results merge`. --emit slurm prints an sbatch script that does both on a cluster.",
    "--server-host [USER@]HOST starts each point's server there over SSH (flashlab serve) and loads it from here.",
  ].join("\n"),
  options: runOptions,
  positional: { name: "SPEC", min: 0, max: 1 },
  async run({ options: flags, positionals }, io) {
    if (flags.list) {
      if (positionals.length > 0) throw new UsageError("--list takes no SPEC");
      listSpecs(io, flags.json);
      return 0;
    }
    if (flags.out !== undefined && flags.resume !== undefined) throw new UsageError("--out and --resume exclude each other: --resume continues the folder it names");
    let loaded;
    try {
      loaded = await specFor(positionals[0], flags.resume);
    } catch (error) {
      if (error instanceof SpecError || error instanceof RunFolderError) throw new UsageError(error.message);
      throw error;
    }
    const { stored } = loaded;
    const spec = withServerHost(loaded.spec, flags);
    let shard: ShardSpec | undefined;
    try {
      shard = flags.shard === undefined ? stored?.manifest.shard : parseShard(flags.shard);
    } catch (error) {
      if (error instanceof ShardError) throw new UsageError(`--shard: ${error.message}`);
      throw error;
    }
    if (flags.emit !== undefined) {
      const clash = (["resume", "shard", "dry-run", "json"] as const).filter((flag) => flags[flag] !== undefined && flags[flag] !== false);
      if (clash.length > 0) throw new UsageError(`--emit slurm prints a script for the whole sweep; it takes no ${clash.map((flag) => `--${flag}`).join(", ")}`);
    } else if (flags.shards !== undefined) {
      throw new UsageError("--shards goes with --emit slurm; to run one shard here, use --shard I/N");
    }
    let profile: "quick" | "full";
    try {
      profile = (flags.profile as "quick" | "full" | undefined) ?? stored?.manifest.profile ?? notebookProfile();
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const repetitions = flags.reps ?? stored?.manifest.repetitions;
    let plan: SweepPlan;
    try {
      plan = planSweep(spec, { profile, ...(repetitions !== undefined ? { repetitions } : {}) });
    } catch (error) {
      if (error instanceof SpecError) throw new UsageError(error.message);
      throw error;
    }
    if (flags.emit === "slurm") return emitSlurm(io, positionals[0]!, spec, plan, flags);
    if (shard !== undefined) {
      try {
        checkShardFits(shard, plan.runs.length);
      } catch (error) {
        throw new UsageError(`--shard ${(error as Error).message}`);
      }
    }
    if (flags["dry-run"]) {
      if (stored !== undefined) {
        try {
          checkResumable(stored.runDir, stored.manifest, plan);
          checkResumableShard(stored.runDir, stored.manifest, shard);
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
      }
      const done = new Set(stored?.records.filter((record) => record.status === "ok").map((record) => record.key) ?? []);
      const shardRuns = new Set(runsOfShard(plan.runs, shard).map((run) => run.key));
      for (const run of plan.runs) if (!shardRuns.has(run.key)) done.add(run.key);
      const byKey = new Map(plan.runs.map((run) => [run.key, run]));
      const executor = executorOf(spec);
      printDryRun(io, spec, plan, done, flags.json, (key) => executor.estimateSeconds(byKey.get(key)!.point.settings, plan.timing), shard);
      return 0;
    }
    const abort = new AbortController();
    const reporter = progressReporter(io, runsOfShard(plan.runs, shard).length);
    const onSignal = (): void => {
      reporter.log("flashlab run: stopping after cleaning up the run under way (press Ctrl-C again to quit at once)");
      abort.abort(new Error("interrupted"));
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    let result;
    try {
      result = await runExperiment(spec, {
        profile,
        ...(repetitions !== undefined ? { repetitions } : {}),
        ...(flags.out !== undefined ? { out: flags.out } : {}),
        ...(flags.resume !== undefined ? { resume: flags.resume } : {}),
        ...(shard !== undefined ? { shard } : {}),
        onProgress: (progress) => reporter.update(progress),
        onLog: (line) => reporter.log(line),
        signal: abort.signal,
      });
    } catch (error) {
      if (error instanceof RunFolderError || error instanceof PlacementError || error instanceof SpecError || error instanceof ShardError) throw new UsageError(error.message);
      throw error;
    } finally {
      reporter.stop();
      process.removeListener("SIGINT", onSignal);
      process.removeListener("SIGTERM", onSignal);
    }
    const failed = result.records.filter((record) => record.status === "failed");
    const warned = result.records.filter((record) => record.warnings.length > 0);
    if (flags.json) {
      io.stdout(`${JSON.stringify(result.summaryRows, null, 2)}\n`);
    } else {
      const load = (value: number | null) => (value === null ? "unknown" : value.toFixed(2));
      io.stdout(
        [
          planHeader(plan, plan.runs.length),
          ...(result.shard ? [`${describeShard(result.shard)}: ${result.runCount} of the ${plan.runs.length} runs, in this folder`] : []),
          `placement: ${result.placement.description}`,
          `load average (1 min): ${load(result.loadAverage.before)} before, ${load(result.loadAverage.after)} after`,
          `${result.records.some((record) => record.serverHost) ? "client machine" : "machine"}: ${machineLine(result.environment)}`,
          ...serverHostLines(result.records),
          `run folder: ${shownPath(result.runDir)}`,
          "",
          `per point: mean ± half the 95% confidence interval over n runs (Student t)`,
          summaryText(plan, result.summaryRows),
          "",
        ].join("\n"),
      );
      for (const record of warned) io.stdout(`warning, ${record.key} (${describeLevels(record.levels)}): ${record.warnings.join("; ")}\n`);
      for (const record of failed) io.stdout(`failed, ${record.key} (${describeLevels(record.levels)}): ${record.error}\n`);
    }
    if (result.interrupted) {
      const source = positionals[0] ?? "";
      io.stderr(
        `flashlab run: interrupted; ${result.records.length} of ${result.runCount} runs are finished and kept in ${shownPath(result.runDir)}.\n` +
          `Continue with: flashlab run ${source ? `${source} ` : ""}--resume ${shownPath(result.runDir)}\n`,
      );
      return 130;
    }
    if (failed.length > 0) {
      io.stderr(`flashlab run: ${failed.length} of ${result.runCount} runs failed (recorded with their errors in ${shownPath(result.runDir)}; --resume ${shownPath(result.runDir)} runs them again)\n`);
      return 1;
    }
    return 0;
  },
});

export const runCommands: Array<Command<any> | CommandGroup> = [runCommand];
