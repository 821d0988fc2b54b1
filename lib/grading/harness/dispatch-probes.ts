/**
 * Unit-level probes of a student's `HelperDispatch`, with a pretend disk and pretend helpers whose
 * reads finish exactly when the probe says. Each probe plays one scenario step by step (letting the
 * dispatch run between steps, never waiting on its promises) and returns what it saw; the grader
 * judges the observations. Nothing here blocks, so a dispatch that never answers shows up as
 * "still pending", not as a hang.
 */
import type { DiskHelper, HelperDispatch, HelperDispatchFactory, LoopDisk } from "./amped-seam.js";

export type ProbeName = "fifo" | "resident" | "failure" | "close";
export const probeNames: readonly ProbeName[] = ["fifo", "resident", "failure", "close"];

/** What happened to one read: returned a Buffer at once, or a Promise that resolved, rejected or is pending. */
export interface ReadOutcome {
  path: string;
  returned: "buffer" | "promise" | "threw";
  state: "resolved" | "rejected" | "pending";
  /** For a resolved read: whether the bytes were the file's. */
  correct?: boolean;
  error?: string;
}

export interface ProbeObservations {
  /** Reads handed to helpers, in order: which file, which helper. */
  helperStarts: Array<{ path: string; helper: number }>;
  /** The most helpers busy at once. */
  maxBusy: number;
  /** Reads refused because the helper was busy. */
  refusedBusy: number;
  /** Reads of non-resident data the dispatch made in the loop (each would block every connection). */
  loopMisses: number;
  reads: ReadOutcome[];
  /** "close" only: whether close() had resolved before the last read finished, and at the end. */
  closeResolvedEarly?: boolean;
  closeResolvedAtEnd?: boolean;
  /** "close" only: what a read after close() did. */
  readAfterClose?: ReadOutcome;
}

const contentOf = (path: string): Buffer => Buffer.from(`the bytes of ${path}\n`);

/** Lets the dispatch run: a few turns of the event loop. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
}

class PretendWorld {
  readonly resident = new Set<string>();
  readonly observations: ProbeObservations = { helperStarts: [], maxBusy: 0, refusedBusy: 0, loopMisses: 0, reads: [] };
  /** Helper jobs in flight, oldest first. */
  readonly inFlight: Array<{ path: string; helper: number; finish(error?: Error): void }> = [];
  readonly helpers: DiskHelper[];
  readonly disk: LoopDisk;

  constructor(helperCount: number) {
    this.disk = {
      isResident: (path) => this.resident.has(path),
      readSync: (path) => {
        if (!this.resident.has(path)) this.observations.loopMisses++;
        return contentOf(path);
      },
    };
    this.helpers = Array.from({ length: helperCount }, (_, id) => this.pretendHelper(id));
  }

  private pretendHelper(id: number): DiskHelper {
    const world = this;
    let busy = false;
    return {
      id,
      get busy() {
        return busy;
      },
      read(path: string): Promise<void> {
        if (busy) {
          world.observations.refusedBusy++;
          return Promise.reject(new Error(`helper ${id} is busy`));
        }
        busy = true;
        world.observations.helperStarts.push({ path, helper: id });
        world.observations.maxBusy = Math.max(world.observations.maxBusy, world.inFlight.length + 1);
        return new Promise<void>((resolve, reject) => {
          world.inFlight.push({
            path,
            helper: id,
            finish: (error) => {
              busy = false;
              if (error) reject(error);
              else {
                world.resident.add(path);
                resolve();
              }
            },
          });
        });
      },
    };
  }

  /** Finishes the oldest helper job (with an error for `failing` paths); false when none is in flight. */
  finishOldest(failing: ReadonlySet<string> = new Set()): boolean {
    const job = this.inFlight.shift();
    if (job === undefined) return false;
    job.finish(failing.has(job.path) ? new Error(`ENOENT: ${job.path} is gone`) : undefined);
    return true;
  }

  /** Asks the dispatch for `path` and records what happens, without ever waiting on it. */
  read(dispatch: HelperDispatch, path: string, record = true): ReadOutcome {
    const outcome: ReadOutcome = { path, returned: "promise", state: "pending" };
    if (record) this.observations.reads.push(outcome);
    const accept = (bytes: unknown) => {
      outcome.state = "resolved";
      outcome.correct = Buffer.isBuffer(bytes) && bytes.equals(contentOf(path));
    };
    try {
      const size = contentOf(path).length;
      const result = dispatch.read({ path, size, offset: 0, length: size });
      if (result instanceof Promise) {
        result.then(accept, (error: unknown) => {
          outcome.state = "rejected";
          outcome.error = error instanceof Error ? error.message : String(error);
        });
      } else {
        outcome.returned = "buffer";
        accept(result);
      }
    } catch (error) {
      outcome.returned = "threw";
      outcome.state = "rejected";
      outcome.error = error instanceof Error ? error.message : String(error);
    }
    return outcome;
  }
}

/** Finishes helper jobs oldest first until none is left (bounded), letting the dispatch run between. */
async function drain(world: PretendWorld, failing?: ReadonlySet<string>): Promise<void> {
  for (let step = 0; step < 50; step++) {
    await settle();
    if (!world.finishOldest(failing)) return;
  }
}

const scenarios: Record<ProbeName, (factory: HelperDispatchFactory) => Promise<ProbeObservations>> = {
  /** 2 helpers, 5 misses at once: at most 2 in flight, handed out first come first served. */
  async fifo(factory) {
    const world = new PretendWorld(2);
    const dispatch = factory(world.disk, world.helpers);
    for (const name of ["a", "b", "c", "d", "e"]) world.read(dispatch, `/docroot/${name}.bin`);
    await drain(world);
    await settle();
    return world.observations;
  },
  /** Resident data is read in the loop, even while every helper is busy with misses. */
  async resident(factory) {
    const world = new PretendWorld(1);
    world.resident.add("/docroot/hot.bin");
    const dispatch = factory(world.disk, world.helpers);
    world.read(dispatch, "/docroot/cold-1.bin");
    world.read(dispatch, "/docroot/cold-2.bin");
    await settle();
    world.read(dispatch, "/docroot/hot.bin");
    await drain(world);
    await settle();
    return world.observations;
  },
  /** A helper's failed read fails that request only; the helper goes on with the queue. */
  async failure(factory) {
    const world = new PretendWorld(1);
    const dispatch = factory(world.disk, world.helpers);
    world.read(dispatch, "/docroot/gone.bin");
    world.read(dispatch, "/docroot/next.bin");
    await drain(world, new Set(["/docroot/gone.bin"]));
    await settle();
    return world.observations;
  },
  /** close() lets accepted reads (in flight and queued) finish, refuses new ones, and resolves after. */
  async close(factory) {
    const world = new PretendWorld(1);
    const dispatch = factory(world.disk, world.helpers);
    world.read(dispatch, "/docroot/first.bin");
    world.read(dispatch, "/docroot/queued.bin");
    await settle();
    let closed = false;
    let closeError: string | undefined;
    try {
      Promise.resolve(dispatch.close()).then(
        () => (closed = true),
        (error: unknown) => (closeError = error instanceof Error ? error.message : String(error)),
      );
    } catch (error) {
      closeError = error instanceof Error ? error.message : String(error);
    }
    await settle();
    world.observations.readAfterClose = world.read(dispatch, "/docroot/late.bin", false);
    world.finishOldest();
    await settle();
    world.observations.closeResolvedEarly = closed;
    await drain(world);
    await settle();
    world.observations.closeResolvedAtEnd = closed && closeError === undefined;
    return world.observations;
  },
};

/** Plays one scenario against the factory. */
export function runDispatchProbe(name: ProbeName, factory: HelperDispatchFactory): Promise<ProbeObservations> {
  const scenario = scenarios[name];
  if (scenario === undefined) throw new Error(`no probe "${String(name)}"; probes: ${probeNames.join(", ")}`);
  return scenario(factory);
}
