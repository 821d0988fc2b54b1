/**
 * What it costs an event loop to find the one descriptor that is ready among many idle ones, with
 * select(), poll() and epoll (kqueue where there is no epoll): lecture §15. Node's own loop always uses
 * epoll (libuv chooses it and cannot be told otherwise), so the comparison runs in a small Python
 * program, through Python's `select` module, a thin layer over the system calls on every machine that
 * has python3.
 *
 * For each count N, the program opens N UDP sockets on 127.0.0.1, makes exactly one of them readable
 * (one datagram, never read, so it stays ready), and times many calls of each mechanism with a zero
 * timeout, checking that each call reports that one socket and no other:
 * - `select`: `select.select(fds, [], [], 0)`. Each call passes the whole set again (the kernel
 *   overwrites it), and the kernel and Python both walk all N; select's bitmap stops at FD_SETSIZE
 *   (1024 on Linux), so it is measured only while every descriptor is below it;
 * - `poll`: one `select.poll()` object with the N sockets registered once; each call still copies the N
 *   entries into the kernel, which checks every one;
 * - `epoll` (or `kqueue`): the N sockets are registered once with the kernel, which keeps a ready list;
 *   a call returns the ready entries without looking at the idle ones.
 * Each time is the median over several batches of the mean time per call within a batch. Python adds its
 * own cost per call (and per descriptor for select and poll), on top of the system call's: the figures
 * are what a program pays through Python, and their growth with N is the scan the lecture describes.
 */
import { spawnSync } from "node:child_process";
import { findExecutable } from "../runtime/executables.js";

/** The readiness mechanisms measured. */
export const readinessMechanisms = ["select", "poll", "epoll"] as const;
export type ReadinessMechanism = (typeof readinessMechanisms)[number];

export interface ReadinessScanOptions {
  /** Numbers of idle descriptors to measure at (each ≥ 1; one of them is the ready one). */
  descriptorCounts: readonly number[];
  /** Batches of calls per point (the median is reported). Default 7. */
  batches?: number;
  /** Each batch lasts at least this long, ms. Default 3. */
  batchMs?: number;
  /** The python3 to use. Default: python3 on PATH, else /usr/bin/python3. */
  python?: string;
}

/** One mechanism at one descriptor count. */
export interface ReadinessScanPoint {
  descriptors: number;
  /** "epoll" on Linux; on a system without epoll, kqueue is measured under this name and `kernelApi` says so. */
  mechanism: ReadinessMechanism;
  /** The system call family actually measured: select, poll, epoll or kqueue. */
  kernelApi: string;
  /** Median time per call, µs; null when the point was skipped. */
  perCallUs: number | null;
  /** Calls timed in all. */
  calls: number;
  /** Why the point was not measured (select above FD_SETSIZE, too few descriptors allowed), or null. */
  skipped: string | null;
}

export interface ReadinessScanResult {
  points: ReadinessScanPoint[];
  /** The Python that ran it, e.g. "3.11.2 (/usr/bin/python3)". */
  python: string;
  /** Descriptors the program may open (its raised soft limit). */
  descriptorLimit: number;
}

/** The measuring program (argv[1]: a JSON object with counts, batches and batchMs). Prints one JSON line per point. */
const program = String.raw`
import json, resource, select, socket, sys, time

options = json.loads(sys.argv[1])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
if hard == resource.RLIM_INFINITY or soft < hard:
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 1 << 20, hard))
    except (ValueError, OSError):
        pass
limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
# Warm up the interpreter and the CPU before the first timed point.
warm = select.poll()
end = time.perf_counter() + 0.05
while time.perf_counter() < end:
    warm.poll(0)
print(json.dumps({"kind": "setup", "python": sys.version.split()[0] + " (" + sys.executable + ")", "limit": limit}), flush=True)
fd_setsize = 1024

def timed(call, check):
    result = call()
    if not check(result):
        raise SystemExit("a call did not report exactly the ready descriptor: " + repr(result)[:200])
    # Calls per batch, from the fastest of a few single calls (a preempted call would only shorten the batch).
    single = []
    for _ in range(5):
        start = time.perf_counter_ns()
        call()
        single.append(time.perf_counter_ns() - start)
    per_batch = max(1, min(1 << 22, int(options["batchMs"] * 1e6 / max(1, min(single))) + 1))
    samples = []
    for _ in range(options["batches"]):
        start = time.perf_counter_ns()
        for _ in range(per_batch):
            call()
        samples.append((time.perf_counter_ns() - start) / per_batch / 1000)
    samples.sort()
    return samples[len(samples) // 2], per_batch * options["batches"] + 6

for count in options["counts"]:
    if count + 16 > limit:
        for mechanism in ("select", "poll", "epoll"):
            print(json.dumps({"kind": "point", "descriptors": count, "mechanism": mechanism, "kernelApi": mechanism, "perCallUs": None, "calls": 0,
                              "skipped": "only %d descriptors may be open here" % limit}), flush=True)
        continue
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(("127.0.0.1", 0))
            s.setblocking(False)
            sockets.append(s)
        ready = sockets[-1]
        sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sender.sendto(b"x", ready.getsockname())
        sender.close()
        fds = [s.fileno() for s in sockets]
        ready_fd = ready.fileno()
        arrival = select.poll()
        arrival.register(ready_fd, select.POLLIN)
        arrival.poll(2000)  # the datagram has arrived: the socket is ready from now on

        if max(fds) < fd_setsize:
            per_call, calls = timed(lambda: select.select(fds, [], [], 0), lambda r: r[0] == [ready_fd])
            print(json.dumps({"kind": "point", "descriptors": count, "mechanism": "select", "kernelApi": "select", "perCallUs": per_call, "calls": calls, "skipped": None}), flush=True)
        else:
            print(json.dumps({"kind": "point", "descriptors": count, "mechanism": "select", "kernelApi": "select", "perCallUs": None, "calls": 0,
                              "skipped": "select's descriptor set stops at FD_SETSIZE (%d); descriptors here go up to %d" % (fd_setsize, max(fds))}), flush=True)

        poller = select.poll()
        for fd in fds:
            poller.register(fd, select.POLLIN)
        per_call, calls = timed(lambda: poller.poll(0), lambda r: [fd for fd, _ in r] == [ready_fd])
        print(json.dumps({"kind": "point", "descriptors": count, "mechanism": "poll", "kernelApi": "poll", "perCallUs": per_call, "calls": calls, "skipped": None}), flush=True)

        if hasattr(select, "epoll"):
            ep = select.epoll()
            for fd in fds:
                ep.register(fd, select.EPOLLIN)
            per_call, calls = timed(lambda: ep.poll(0), lambda r: [fd for fd, _ in r] == [ready_fd])
            ep.close()
            print(json.dumps({"kind": "point", "descriptors": count, "mechanism": "epoll", "kernelApi": "epoll", "perCallUs": per_call, "calls": calls, "skipped": None}), flush=True)
        elif hasattr(select, "kqueue"):
            kq = select.kqueue()
            kq.control([select.kevent(fd, select.KQ_FILTER_READ, select.KQ_EV_ADD) for fd in fds], 0, 0)
            per_call, calls = timed(lambda: kq.control(None, 8, 0), lambda r: [e.ident for e in r] == [ready_fd])
            kq.close()
            print(json.dumps({"kind": "point", "descriptors": count, "mechanism": "epoll", "kernelApi": "kqueue", "perCallUs": per_call, "calls": calls, "skipped": None}), flush=True)
        else:
            print(json.dumps({"kind": "point", "descriptors": count, "mechanism": "epoll", "kernelApi": "none", "perCallUs": None, "calls": 0,
                              "skipped": "this system has neither epoll nor kqueue"}), flush=True)
    finally:
        for s in sockets:
            s.close()
`;

/** Thrown when python3 is missing or the measuring program fails. */
export class ReadinessScanError extends Error {
  override name = "ReadinessScanError";
}

/**
 * Measures select, poll and epoll (see the module comment) at each descriptor count, in a python3
 * child process. Throws a RangeError for a bad option and a ReadinessScanError when python3 cannot
 * be found or the program fails (its message says why).
 */
export function measureReadinessScan(options: ReadinessScanOptions): ReadinessScanResult {
  const counts = options.descriptorCounts;
  if (counts.length === 0) throw new RangeError("descriptorCounts needs at least one count");
  for (const count of counts) {
    if (!Number.isInteger(count) || count < 1 || count > 1_000_000) throw new RangeError(`descriptor counts must be whole numbers from 1 to 1,000,000; got ${count}`);
  }
  const batches = options.batches ?? 7;
  const batchMs = options.batchMs ?? 3;
  if (!Number.isInteger(batches) || batches < 1 || batches > 1000) throw new RangeError(`batches must be a whole number from 1 to 1000; got ${batches}`);
  if (!(batchMs > 0 && batchMs <= 10_000)) throw new RangeError(`batchMs must be a number of ms above 0 and up to 10,000; got ${batchMs}`);
  const python = options.python ?? findExecutable("python3", ["/usr/bin/python3"]);
  if (python === undefined) throw new ReadinessScanError("python3 was not found on PATH (nor at /usr/bin/python3); install it to measure select, poll and epoll");
  const run = spawnSync(python, ["-c", program, JSON.stringify({ counts, batches, batchMs })], { encoding: "utf8", timeout: 300_000 });
  if (run.error) throw new ReadinessScanError(`could not run ${python}: ${run.error.message}`);
  if (run.status !== 0) throw new ReadinessScanError(`the measuring program failed (exit ${run.status ?? run.signal}): ${run.stderr.trim().split("\n").slice(-3).join(" | ")}`);
  let setup: { python: string; limit: number } | undefined;
  const points: ReadinessScanPoint[] = [];
  for (const line of run.stdout.split("\n")) {
    if (line.trim() === "") continue;
    const parsed = JSON.parse(line) as ({ kind: "setup"; python: string; limit: number } | ({ kind: "point" } & ReadinessScanPoint));
    if (parsed.kind === "setup") setup = { python: parsed.python, limit: parsed.limit };
    else {
      const { kind: _kind, ...point } = parsed;
      points.push(point);
    }
  }
  if (setup === undefined) throw new ReadinessScanError("the measuring program printed nothing");
  return { points, python: setup.python, descriptorLimit: setup.limit };
}
