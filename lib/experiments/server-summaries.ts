/**
 * Rows for the notebooks' tables and figures, from `runServerUnderLoad`: the pipeline's steps in a
 * phase, what each execution context did and held, and one line per server (throughput, memory, context
 * switches per request). Plain records, so that `showTable` and the figure builders take them as they are.
 */
import { pipelineSteps, type PipelineStep } from "../http/index.js";
import type { ContextActivity, PhaseResult, ServerUnderLoadResult } from "./server-under-load.js";
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
