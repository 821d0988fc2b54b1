/**
 * The peers of `npm run bench sim`: the M/M/1 model in C (lib/bench/mm1.c, compiled here with
 * `gcc -O2`) and in SimPy (lib/bench/mm1_simpy.py, run by a python3 that can import simpy). Each
 * finder says why when its peer cannot run here; nothing is installed.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { findExecutable } from "../runtime/executables.js";
import { projectRoot } from "../runtime/paths.js";

/** The C program's source. */
export const mm1CSource = join(projectRoot, "lib", "bench", "mm1.c");
/** The SimPy program. */
export const mm1SimpySource = join(projectRoot, "lib", "bench", "mm1_simpy.py");

/** Compiles mm1.c with `gcc -O2` into `folder`: the binary and gcc's version, or why not. */
export function compileMM1C(folder: string): { binary: string; gccVersion: string } | { missing: string } {
  const gcc = findExecutable("gcc");
  if (gcc === undefined) return { missing: "gcc is not installed (Debian: apt-get install gcc libc6-dev)" };
  const binary = join(folder, "mm1");
  try {
    execFileSync(gcc, ["-O2", "-o", binary, mm1CSource, "-lm"], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return { missing: `gcc could not compile ${mm1CSource}: ${stderr || (error as Error).message}` };
  }
  return { binary, gccVersion: execFileSync(gcc, ["-dumpfullversion"], { encoding: "utf8" }).trim() };
}

/** A python3 that can import simpy (PATH first, then Debian's), with SimPy's version; or why not. */
export function findSimpy(): { python: string; version: string } | { missing: string } {
  const candidates = [findExecutable("python3"), "/usr/bin/python3"].filter((path): path is string => path !== undefined);
  for (const python of new Set(candidates)) {
    try {
      const version = execFileSync(python, ["-c", "import simpy; print(simpy.__version__)"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
      return { python, version };
    } catch {
      // this python has no simpy
    }
  }
  return { missing: "SimPy is not installed for python3 (Debian: apt-get install python3-simpy3)" };
}
