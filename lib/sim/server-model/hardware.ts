/**
 * A hardware profile: what the server models know about a machine and the software on it. CPU time per
 * pipeline step (by the pipeline's own step names), what a context switch and a message between contexts
 * cost, the memory an execution context takes (what is left is the buffer cache), the disk, the network,
 * and, where the load generator shares the machine, what it costs per request.
 *
 * A profile is plain JSON (`flashlab sim calibrate` writes one); `checkHardwareProfile` reads one back and
 * names every bad field. Times are in microseconds, sizes in MB (2^20 bytes) and KB (2^10 bytes), rates in
 * MB/s (2^20 bytes per second), as lib/storage states its simulated disk.
 */
import { pipelineSteps, type PipelineStep } from "../../http/steps.js";

/**
 * The CPU cost of one pipeline step. `us` is paid per connection (accept), per request (read-request,
 * parse, translate-path, compute-header, send-header) or per 256 KB chunk (read-file, send-data).
 */
export interface StepCost {
  /** CPU time, µs: with Flash's cache for this step hitting (translate-path, compute-header, read-file). */
  us: number;
  /**
   * CPU time when that cache is off or misses, µs: a path translated afresh (realpath, stat), a header
   * built afresh, a chunk read through the disk's buffer cache instead of the data cache.
   */
  uncachedUs?: number;
  /** Extra CPU per KB moved, µs: bytes written (send-data) or read through the disk (read-file). */
  perKBUs?: number;
}

export type StepCosts = Record<PipelineStep, StepCost>;

/** What the two kinds of execution context cost. */
export interface PerContextKind {
  process: number;
  thread: number;
}

/** Where a profile's figures came from. */
export type ProfileSource =
  | {
      kind: "calibrated";
      calibratedAt: string;
      /** The command that ran the calibration, when it was run from the command line. */
      command?: string;
      loadAverage: number | null;
      environment: Record<string, unknown>;
      fit: Record<string, unknown>;
    }
  | { kind: "scaled"; from: string; cpuFactor: number; notes: string };

export interface HardwareProfile {
  name: string;
  /** One line: what machine this is. */
  description: string;
  /** Cores the server may use. */
  cores: number;
  /** Memory of the machine, MB; what the server's contexts do not take is the buffer cache. */
  memoryMB: number;
  /** Memory taken before any server context: the kernel, the server's top process, the load generator, MB. */
  baseMemoryMB: number;
  /** CPU time of each pipeline step. */
  steps: StepCosts;
  /** One context switch on a core, from a context of another process (process) or of the same one (thread), µs. */
  contextSwitchUs: PerContextKind;
  /** One message between two contexts (sending and receiving it: pipe or IPC channel for processes, a thread message), µs. */
  messageUs: PerContextKind;
  /** A memory-residency test of one chunk (Flash's mincore()), µs. */
  residencyCheckUs: number;
  /** CPU time to start one more context (Apache-like's growing pool), µs. */
  contextStartUs: PerContextKind;
  /** Memory of one execution context (its private pages: stack, heap, runtime), MB. */
  contextMemoryMB: PerContextKind;
  /** Memory of one open connection (socket buffers, state), KB. */
  connectionMemoryKB: number;
  /** How long a context may keep a core while others wait for one (the scheduler's time slice), ms. */
  timeSliceMs: number;
  disk: {
    /** Fixed cost of one chunk miss, ms. */
    latencyMs: number;
    /** Transfer rate, MB/s (Infinity: none). */
    bandwidthMBps: number;
    /** Misses served at once (disk arms, queue pairs); Infinity overlaps them all. */
    parallelism: number;
  };
  network: {
    /** The server's link, MB/s (Infinity: no limit, as on loopback). */
    linkMBps: number;
    /** A socket's send buffer: what the kernel takes before a write waits for the client, KB. */
    sendBufferKB: number;
  };
  /**
   * The load generator, when it runs on the same machine (this-machine: one core beside the server's).
   * Absent: clients are other machines and cost the server nothing.
   */
  loadGenerator?: {
    cores: number;
    /** CPU per request (connect, send, parse the response, close), µs. */
    requestUs: number;
    /** CPU per KB received, µs. */
    perKBUs: number;
  };
  source: ProfileSource;
}

/** Thrown for a profile with bad or missing fields; the message names each one. */
export class HardwareProfileError extends RangeError {
  override name = "HardwareProfileError";
}

type Problems = string[];

function checkNumber(problems: Problems, path: string, value: unknown, options: { min?: number; infinite?: boolean; whole?: boolean; positive?: boolean } = {}): void {
  const min = options.min ?? 0;
  const ok =
    typeof value === "number" &&
    !Number.isNaN(value) &&
    (Number.isFinite(value) || (options.infinite === true && value === Infinity)) &&
    (options.positive ? value > min : value >= min) &&
    (!options.whole || !Number.isFinite(value) || Number.isInteger(value));
  if (!ok) {
    const kind = options.whole ? "a whole number" : "a number";
    problems.push(`${path}: ${JSON.stringify(value) ?? "missing"} is not ${kind} ${options.positive ? ">" : "≥"} ${min}${options.infinite ? " (or Infinity)" : ""}`);
  }
}

function record(problems: Problems, path: string, value: unknown): Record<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  problems.push(`${path}: expected an object; got ${JSON.stringify(value) ?? "nothing"}`);
  return {};
}

function checkPerKind(problems: Problems, path: string, value: unknown): void {
  const object = record(problems, path, value);
  checkNumber(problems, `${path}.process`, object.process);
  checkNumber(problems, `${path}.thread`, object.thread);
}

/** JSON turns Infinity into null: read it back as Infinity where a field accepts it. */
function infinityFromJson(value: unknown): unknown {
  return value === null || value === "Infinity" ? Infinity : value;
}

/**
 * Checks a profile read from JSON (or built in code) and returns it typed; throws
 * `HardwareProfileError` listing every bad field by its path. O(fields).
 */
export function checkHardwareProfile(value: unknown, where = "the hardware profile"): HardwareProfile {
  const problems: Problems = [];
  const profile = record(problems, where, value);
  if (typeof profile.name !== "string" || profile.name === "") problems.push("name: expected a non-empty string");
  if (typeof profile.description !== "string") problems.push("description: expected a string");
  checkNumber(problems, "cores", profile.cores, { min: 1, whole: true });
  checkNumber(problems, "memoryMB", profile.memoryMB, { positive: true });
  checkNumber(problems, "baseMemoryMB", profile.baseMemoryMB);
  const steps = record(problems, "steps", profile.steps);
  for (const step of pipelineSteps) {
    const cost = record(problems, `steps.${step}`, steps[step]);
    checkNumber(problems, `steps.${step}.us`, cost.us);
    if (cost.uncachedUs !== undefined) checkNumber(problems, `steps.${step}.uncachedUs`, cost.uncachedUs);
    if (cost.perKBUs !== undefined) checkNumber(problems, `steps.${step}.perKBUs`, cost.perKBUs);
  }
  for (const name of Object.keys(steps)) {
    if (!(pipelineSteps as readonly string[]).includes(name)) problems.push(`steps.${name}: not a pipeline step; the steps are ${pipelineSteps.join(", ")}`);
  }
  checkPerKind(problems, "contextSwitchUs", profile.contextSwitchUs);
  checkPerKind(problems, "messageUs", profile.messageUs);
  checkNumber(problems, "residencyCheckUs", profile.residencyCheckUs);
  checkPerKind(problems, "contextStartUs", profile.contextStartUs);
  checkPerKind(problems, "contextMemoryMB", profile.contextMemoryMB);
  checkNumber(problems, "connectionMemoryKB", profile.connectionMemoryKB);
  checkNumber(problems, "timeSliceMs", profile.timeSliceMs, { positive: true });
  const disk = record(problems, "disk", profile.disk);
  disk.bandwidthMBps = infinityFromJson(disk.bandwidthMBps);
  disk.parallelism = infinityFromJson(disk.parallelism);
  checkNumber(problems, "disk.latencyMs", disk.latencyMs);
  checkNumber(problems, "disk.bandwidthMBps", disk.bandwidthMBps, { positive: true, infinite: true });
  checkNumber(problems, "disk.parallelism", disk.parallelism, { min: 1, whole: true, infinite: true });
  const network = record(problems, "network", profile.network);
  network.linkMBps = infinityFromJson(network.linkMBps);
  checkNumber(problems, "network.linkMBps", network.linkMBps, { positive: true, infinite: true });
  checkNumber(problems, "network.sendBufferKB", network.sendBufferKB);
  if (profile.loadGenerator !== undefined) {
    const generator = record(problems, "loadGenerator", profile.loadGenerator);
    checkNumber(problems, "loadGenerator.cores", generator.cores, { min: 1, whole: true });
    checkNumber(problems, "loadGenerator.requestUs", generator.requestUs);
    checkNumber(problems, "loadGenerator.perKBUs", generator.perKBUs);
  }
  const source = record(problems, "source", profile.source);
  if (source.kind !== "calibrated" && source.kind !== "scaled") problems.push(`source.kind: expected "calibrated" or "scaled"; got ${JSON.stringify(source.kind)}`);
  if (problems.length > 0) throw new HardwareProfileError(`${where} is not valid:\n  ${problems.join("\n  ")}`);
  return profile as unknown as HardwareProfile;
}

/** A step's cost with Flash's cache for it hitting or not, µs. */
export function stepUs(cost: StepCost, cached: boolean): number {
  return cached ? cost.us : (cost.uncachedUs ?? cost.us);
}

/**
 * The profile's CPU costs (steps, switches, messages, residency tests, context starts, the load
 * generator's) multiplied by `factor`: the same software on a CPU `1 / factor` times as fast.
 */
export function scaleCpuCosts(profile: HardwareProfile, factor: number): Pick<HardwareProfile, "steps" | "contextSwitchUs" | "messageUs" | "residencyCheckUs" | "contextStartUs"> {
  if (!(factor > 0 && Number.isFinite(factor))) throw new RangeError(`a CPU scale factor must be a finite number > 0; got ${factor}`);
  const scaleKinds = (costs: PerContextKind): PerContextKind => ({ process: costs.process * factor, thread: costs.thread * factor });
  const steps = {} as StepCosts;
  for (const step of pipelineSteps) {
    const cost = profile.steps[step];
    steps[step] = {
      us: cost.us * factor,
      ...(cost.uncachedUs === undefined ? {} : { uncachedUs: cost.uncachedUs * factor }),
      ...(cost.perKBUs === undefined ? {} : { perKBUs: cost.perKBUs * factor }),
    };
  }
  return {
    steps,
    contextSwitchUs: scaleKinds(profile.contextSwitchUs),
    messageUs: scaleKinds(profile.messageUs),
    residencyCheckUs: profile.residencyCheckUs * factor,
    contextStartUs: scaleKinds(profile.contextStartUs),
  };
}
