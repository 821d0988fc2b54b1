/**
 * CPU time of one process from Linux's /proc/<pid>/stat: utime + stime, in clock ticks (USER_HZ, 100
 * per second on every Linux port in use), summed over the process's threads. Used to charge a server's
 * process tree or a peer tool for the CPU it spent. Readers return undefined where the file cannot be
 * read (not Linux, or the process is gone).
 */
import { readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ). */
const clockTicksPerSecond = 100;

/**
 * The fields of /proc/<pid>/stat after the command name, starting with the 3rd (state; the parent pid
 * is at index 1, utime at 11, stime at 12); undefined where the file cannot be read.
 */
export function readProcStatFields(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).split(" "); // the command name may itself hold ") "
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system, all threads) process `pid` has used so far; undefined where unreadable. */
export function readProcessCpuSeconds(pid: number): number | undefined {
  const fields = readProcStatFields(pid);
  return fields === undefined ? undefined : (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}
