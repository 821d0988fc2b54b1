/**
 * Linux CPU lists such as "0-3,5,7-8": the format `taskset -c` takes and /proc/<pid>/status reports as
 * Cpus_allowed_list. Shared by whatever pins processes to CPUs (servers, peers) and by the record of
 * where a run was allowed to execute (experiments).
 */

/**
 * Parses a Linux CPU list such as "0-3,5,7-8" (the format of taskset -c and Cpus_allowed_list) into
 * ascending CPU numbers. Throws on anything else.
 */
export function parseCpuList(list: string): number[] {
  const trimmed = list.trim();
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(trimmed)) {
    throw new Error(`not a CPU list: ${JSON.stringify(list)} (expected e.g. "0-3,5")`);
  }
  const cpus = new Set<number>();
  for (const part of trimmed.split(",")) {
    const [first, last = first] = part.split("-").map(Number) as [number, number?];
    if (last < first) throw new Error(`not a CPU list: range ${part} runs backwards (expected low-high, e.g. "0-3")`);
    for (let cpu = first; cpu <= last; cpu++) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}
