/**
 * CPU utilization of the whole machine (or one CPU) from Linux's /proc/stat. A line such as
 *
 *   cpu  user nice system idle iowait irq softirq steal guest guest_nice
 *
 * counts clock ticks since boot. Idle time is idle + iowait; busy time is user + nice + system + irq +
 * softirq + steal (guest time is already inside user and nice, so it is not added again). Between two
 * readings:
 *
 *   utilization = Δbusy / (Δbusy + Δidle)
 *
 * Parsing is pure; `readProcStatCpu` reads the file and returns null where there is no /proc/stat.
 * O(size of the text).
 */
import { readMachineStat } from "../runtime/proc.js";
import { MetricInputError } from "./metric-input-error.js";
import { cpuUtilization } from "./cpu-utilization.js";

/** Busy and idle clock ticks since boot, from one /proc/stat line. */
export interface ProcStatCpuReading {
  busyTicks: number;
  idleTicks: number;
}

/** Parses the line for `cpu` ("cpu" for all CPUs together, "cpu0", "cpu1"... for one) from /proc/stat text. */
export function parseProcStatCpu(text: string, cpu = "cpu"): ProcStatCpuReading {
  const metric = "parseProcStatCpu";
  const line = text.split("\n").find((candidate) => candidate.split(/\s+/)[0] === cpu);
  if (line === undefined) {
    throw new MetricInputError(metric, `no line for "${cpu}" in the text`, `/proc/stat text with a "${cpu} …" line`);
  }
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  if (fields.length < 4 || fields.some((field) => !Number.isFinite(field) || field < 0)) {
    throw new MetricInputError(metric, `the "${cpu}" line is malformed: ${line}`, "at least 4 non-negative tick counts (user nice system idle …)");
  }
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  return { busyTicks: user + nice + system + irq + softirq + steal, idleTicks: idle + iowait };
}

/** Utilization (0–1) between two readings of the same CPU line, earlier one first. */
export function cpuUtilizationBetween(before: ProcStatCpuReading, after: ProcStatCpuReading): number {
  if (after.busyTicks < before.busyTicks || after.idleTicks < before.idleTicks) {
    throw new MetricInputError("cpuUtilizationBetween", "the 'after' reading has fewer ticks than the 'before' reading", "the earlier reading first");
  }
  return cpuUtilization([{ busy: after.busyTicks - before.busyTicks, idle: after.idleTicks - before.idleTicks }]);
}

/** Reads /proc/stat now; null where the file does not exist (not Linux). */
export function readProcStatCpu(cpu = "cpu"): ProcStatCpuReading | null {
  const text = readMachineStat();
  return text === undefined ? null : parseProcStatCpu(text, cpu);
}
