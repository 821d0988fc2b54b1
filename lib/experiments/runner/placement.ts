/**
 * Where a sweep's server and client run: a spec's placement turned into taskset CPU lists for this
 * machine. The default is the uniprocessor testbed of the Flash paper (server on CPU 0, client on
 * CPU 1); without taskset or with one usable CPU the run is unpinned, and the placement says why, so
 * the reason travels with every result.
 */
import { parseCpuList } from "../../runtime/cpu-list.js";
import type { PlacementSpec } from "./spec.js";

/** The CPUs server and client are pinned to (null: not pinned), and why, in words. */
export interface ResolvedPlacement {
  requested: PlacementSpec;
  serverCpus: string | null;
  clientCpus: string | null;
  description: string;
}

/** What the machine offers. */
export interface PlacementMachine {
  /** The taskset program, or undefined when it is not installed. */
  taskset: string | undefined;
  /** CPUs this process may run on, or null when unknown. */
  allowedCpus: readonly number[] | null;
}

/** A placement that cannot be honoured on this machine (a CPU it does not have). */
export class PlacementError extends Error {
  override name = "PlacementError";
}

/** Resolves `spec` for `machine`; throws PlacementError for explicit CPUs this process may not use. */
export function resolvePlacement(spec: PlacementSpec, machine: PlacementMachine): ResolvedPlacement {
  const unpinned = (why: string): ResolvedPlacement => ({ requested: spec, serverCpus: null, clientCpus: null, description: `unpinned: ${why}` });
  if (spec === "unpinned") return unpinned("the spec asks for no pinning");
  if (spec === "uniprocessor") {
    if (machine.taskset === undefined) return unpinned("taskset is not installed (Debian: util-linux)");
    const cpus = machine.allowedCpus;
    if (cpus === null) return unpinned("the CPUs this process may use are unknown");
    if (cpus.length < 2) return unpinned(`this process may use only CPU ${cpus.join(",")}`);
    const [server, client] = cpus as [number, number];
    return {
      requested: spec,
      serverCpus: String(server),
      clientCpus: String(client),
      description: `uniprocessor testbed: server (every process and thread) on CPU ${server}, client on CPU ${client}`,
    };
  }
  if (machine.taskset === undefined) throw new PlacementError(`placement needs taskset to pin to CPUs ${spec.serverCpus} and ${spec.clientCpus}, and it is not installed (Debian: util-linux)`);
  for (const [field, list] of [["serverCpus", spec.serverCpus], ["clientCpus", spec.clientCpus]] as const) {
    const missing = parseCpuList(list).filter((cpu) => machine.allowedCpus !== null && !machine.allowedCpus.includes(cpu));
    if (missing.length > 0) {
      throw new PlacementError(`placement.${field}: CPU ${missing.join(",")} is not available here (this process may use ${machine.allowedCpus!.join(",")})`);
    }
  }
  return {
    requested: spec,
    serverCpus: spec.serverCpus,
    clientCpus: spec.clientCpus,
    description: `server on CPU ${spec.serverCpus}, client on CPU ${spec.clientCpus}`,
  };
}
