/**
 * Rows for the notebooks' tables and figures, from `runServerUnderLoad`: the pipeline's steps in a
 * phase, what each execution context did and held, and one line per server (throughput, memory, context
 * switches per request). Plain records, so that `showTable` and the figure builders take them as they are.
 */
import { pipelineSteps, type PipelineStep } from "../http/index.js";
import type { ContextActivity, PhaseResult, ServerRampResult, ServerUnderLoadResult } from "./server-under-load.js";
import { stepCounts, stepMeansMs } from "./server-under-load.js";

const bytesPerMB = 1024 * 1024;
const rounded = (value: number, digits: number): number => Number(value.toFixed(digits));

/** One pipeline step in a phase. */
export interface StepRow {
  step: PipelineStep;
  /** Times it ran in the phase (read-file and send-data once per response). */
  count: number;
  /** Mean time per run, µs. */
  meanUs: number;
  /** Its share of the time all steps took, % (accept left out: it counts waiting in the queue). */
  sharePct: number | null;
}

/** The eight steps of a phase, in pipeline order. */
export function stepRows(phase: Pick<PhaseResult, "before" | "after">): StepRow[] {
  const counts = stepCounts(phase);
  const means = stepMeansMs(phase);
  const work = pipelineSteps.filter((step) => step !== "accept").reduce((sum, step) => sum + counts[step] * means[step], 0);
  return pipelineSteps.map((step) => ({
    step,
    count: counts[step],
    meanUs: rounded(means[step] * 1000, 1),
    sharePct: step === "accept" || work === 0 ? null : rounded((100 * counts[step] * means[step]) / work, 1),
  }));
}

/** One execution context in a phase, for a table. */
export interface ContextRow {
  context: string;
  kind: "process" | "thread";
  requests: number;
  voluntarySwitches: number | null;
  involuntarySwitches: number | null;
  /** A process's resident memory, MB. */
  rssMB: number | null;
  /** A thread's own V8 heap, MB. */
  heapMB: number | null;
  /** What one thread added to its process's resident memory when the threads started, MB. */
  threadAddsMB: number | null;
}

function contextName(context: ContextActivity): string {
  return context.kind === "thread" ? `${context.role} ${context.tid ?? "?"}` : `${context.role} ${context.pid}`;
}

/** Each context of a phase: requests, context switches, memory. */
export function contextRows(phase: Pick<PhaseResult, "contexts">): ContextRow[] {
  return phase.contexts.map((context) => ({
    context: contextName(context),
    kind: context.kind,
    requests: context.requests,
    voluntarySwitches: context.voluntaryContextSwitches,
    involuntarySwitches: context.involuntaryContextSwitches,
    rssMB: context.rssBytes === null ? null : rounded(context.rssBytes / bytesPerMB, 1),
    heapMB: context.heapBytes === null ? null : rounded(context.heapBytes / bytesPerMB, 1),
    threadAddsMB: context.rssIncrementBytes === null ? null : rounded(context.rssIncrementBytes / bytesPerMB, 1),
  }));
}

/** One server under one phase of load, in one line. */
export interface ServerSummaryRow {
  server: string;
  acceptPolicy: string;
  cachesPer: string;
  processes: number;
  threads: number;
  throughputRps: number;
  responseMsP95: number | null;
  errors: number;
  /** The server's whole process tree after the load: resident memory (shared pages counted in every process) and PSS (shared pages divided among their sharers), MB. */
  rssMB: number | null;
  pssMB: number | null;
  /** Context switches of every context during the phase, per request answered. */
  voluntaryPerRequest: number | null;
  involuntaryPerRequest: number | null;
}

function perRequest(contexts: readonly ContextActivity[], field: "voluntaryContextSwitches" | "involuntaryContextSwitches", requests: number): number | null {
  if (requests === 0 || contexts.some((context) => context[field] === null)) return null;
  return rounded(contexts.reduce((sum, context) => sum + context[field]!, 0) / requests, 2);
}

/**
 * A server's line: `label` names it (e.g. "MP, master hands off"); the phase is the run's first unless
 * `phaseIndex` says otherwise.
 */
export function serverSummaryRow(label: string, run: ServerUnderLoadResult, phaseIndex = 0): ServerSummaryRow {
  const phase = run.phases[phaseIndex];
  if (phase === undefined) throw new RangeError(`the run has ${run.phases.length} phases; there is no phase ${phaseIndex}`);
  const requests = phase.contexts.reduce((sum, context) => sum + context.requests, 0);
  return {
    server: label,
    acceptPolicy: phase.after.acceptPolicy,
    cachesPer: phase.after.cachesPer,
    processes: phase.contexts.filter((context) => context.kind === "process").length,
    threads: phase.contexts.filter((context) => context.kind === "thread").length,
    throughputRps: rounded(phase.summary.throughputRps, 0),
    responseMsP95: phase.summary.responseMs === null ? null : rounded(phase.summary.responseMs.p95, 2),
    errors: phase.summary.errorsTotal,
    rssMB: run.memory === null ? null : rounded(run.memory.rssBytes / bytesPerMB, 1),
    pssMB: run.memory?.pssBytes === undefined ? null : rounded(run.memory.pssBytes / bytesPerMB, 1),
    voluntaryPerRequest: perRequest(phase.contexts, "voluntaryContextSwitches", requests),
    involuntaryPerRequest: perRequest(phase.contexts, "involuntaryContextSwitches", requests),
  };
}

/** An Apache-like pool over a run: its samples and the load's steps, on one axis (seconds since the server started). */
export interface PoolTimeline {
  samples: Array<{ atS: number; processes: number; startingProcesses: number; threads: number; busyThreads: number }>;
  /** Each step's (or phase's) clients and when it ran, in seconds of the server's uptime. */
  phases: Array<{ label: string; clients: number; fromS: number; toS: number }>;
  /** When the run's final stats were read (after any idle time). */
  endS: number;
}

/**
 * The pool samples of an Apache-like server's run (`stats.pool`, one per maintenance interval) and the
 * steps of load (of `runServerRamp`, or the phases of `runServerUnderLoad`), in seconds since the
 * server started. Throws when the server keeps no pool samples.
 */
export function poolTimeline(run: ServerRampResult | ServerUnderLoadResult): PoolTimeline {
  const pool = run.final.pool;
  if (pool === undefined) throw new Error(`a ${run.arch} server keeps no pool samples; only the Apache-like server's pool grows and shrinks`);
  const phases =
    "steps" in run
      ? run.steps.map((step) => ({ label: step.label, clients: step.clients, fromS: step.fromS, toS: step.toS }))
      : run.phases.map((phase) => ({ label: phase.label, clients: phase.clients, fromS: phase.before.uptimeMs / 1000, toS: phase.after.uptimeMs / 1000 }));
  return {
    samples: pool.map((sample) => ({
      atS: sample.atMs / 1000,
      processes: sample.processes,
      startingProcesses: sample.startingProcesses,
      threads: sample.threads,
      busyThreads: sample.busyThreads,
    })),
    phases,
    endS: run.final.uptimeMs / 1000,
  };
}

/** One step of a pool timeline, from the samples taken during it. */
export interface PoolStepRow {
  step: string;
  clients: number;
  /** Samples taken during the step. */
  samples: number;
  /** Processes serving: the most, and at the step's last sample. */
  maxProcesses: number | null;
  processesAtEnd: number | null;
  /** Mean threads and busy threads over the step's samples. */
  meanThreads: number | null;
  meanBusyThreads: number | null;
}

/** What the pool did in each step (null where no sample fell in a step). */
export function poolStepRows(timeline: PoolTimeline): PoolStepRow[] {
  return timeline.phases.map((phase) => {
    const inside = timeline.samples.filter((sample) => sample.atS >= phase.fromS && sample.atS < phase.toS);
    const mean = (values: number[]) => (values.length === 0 ? null : rounded(values.reduce((sum, value) => sum + value, 0) / values.length, 1));
    return {
      step: phase.label,
      clients: phase.clients,
      samples: inside.length,
      maxProcesses: inside.length === 0 ? null : Math.max(...inside.map((sample) => sample.processes)),
      processesAtEnd: inside.at(-1)?.processes ?? null,
      meanThreads: mean(inside.map((sample) => sample.threads)),
      meanBusyThreads: mean(inside.map((sample) => sample.busyThreads)),
    };
  });
}
