/**
 * The sweep's side of the load-client process: starts `load-client-entry` on this Node, pinned to the
 * client's CPUs with taskset (as the bench pins wrk), sends it one load at a time and waits for the
 * summary. A load that outlives its deadline, or a sweep that is interrupted, kills the process; the
 * next load starts a fresh one.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { LoadSummary, ResolvedLoadOptions } from "../../loadgen/index.js";
import { withCpuPlacement } from "../../peers/tool-process.js";
import { compiledModule } from "../../runtime/paths.js";
import type { ClientLoad, LoadClientCommand, LoadClientReply } from "./load-client-protocol.js";

/** What one load gave. */
export interface ClientLoadResult {
  summary: LoadSummary;
  parameters: ResolvedLoadOptions;
  /** When the measured phase began (ms since the Unix epoch), or null when the load did not report it. */
  measuredStartEpochMs: number | null;
}

interface Pending {
  resolve(result: ClientLoadResult): void;
  reject(error: Error): void;
}

/** A load-client process, restarted when it dies. */
export class LoadClient {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail = "";

  /** `cpus`: a taskset CPU list, or null to leave the client unpinned. */
  constructor(private readonly cpus: string | null) {}

  /** The process id of the client now running, if any. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  private start(): ChildProcessWithoutNullStreams {
    const [file, args] = withCpuPlacement(process.execPath, [compiledModule("experiments/server-load/load-client-entry")], this.cpus ?? undefined);
    const child = spawn(file, args, { stdio: ["pipe", "pipe", "pipe"] });
    this.stderrTail = "";
    child.stdin.on("error", () => undefined); // a dead client: its exit handler reports it
    child.stderr.on("data", (chunk: Buffer) => (this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000)));
    createInterface({ input: child.stdout }).on("line", (line) => this.onReply(line));
    child.once("error", (error) => this.failAll(new Error(`cannot start the load client: ${error.message}`)));
    child.once("exit", (code, signal) => {
      if (this.child === child) this.child = undefined;
      const why = signal ? `was killed (${signal})` : `exited with code ${code}`;
      this.failAll(new Error(`the load client ${why}${this.stderrTail.trim() ? `: ${this.stderrTail.trim().split("\n").slice(-3).join(" | ")}` : ""}`));
    });
    this.child = child;
    return child;
  }

  private onReply(line: string): void {
    let reply: LoadClientReply;
    try {
      reply = JSON.parse(line) as LoadClientReply;
    } catch {
      return; // not a reply (a stray print)
    }
    const waiting = this.pending.get(reply.id);
    if (waiting === undefined) return;
    this.pending.delete(reply.id);
    if (reply.type === "result") waiting.resolve({ summary: reply.summary, parameters: reply.parameters, measuredStartEpochMs: reply.measuredStartEpochMs });
    else waiting.reject(new Error(`load client: ${reply.message}`));
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  /** Runs one load; rejects on an error, after `deadlineMs`, or when `signal` aborts (the process is then killed). */
  run(load: ClientLoad, deadlineMs: number, signal: AbortSignal): Promise<ClientLoadResult> {
    signal.throwIfAborted();
    const child = this.child ?? this.start();
    const id = this.nextId++;
    return new Promise<ClientLoadResult>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(deadline);
        signal.removeEventListener("abort", onAbort);
      };
      const onAbort = (): void => {
        child.kill("SIGKILL");
        reject(signal.reason instanceof Error ? signal.reason : new Error("interrupted"));
      };
      const deadline = setTimeout(() => {
        this.pending.delete(id);
        child.kill("SIGKILL");
        reject(new Error(`the load client did not finish a load within ${Math.round(deadlineMs / 1000)} s; it was killed`));
      }, deadlineMs);
      signal.addEventListener("abort", onAbort, { once: true });
      this.pending.set(id, {
        resolve: (result) => (finish(), resolve(result)),
        reject: (error) => (finish(), reject(error)),
      });
      const command: LoadClientCommand = { id, type: "load", load };
      child.stdin.write(`${JSON.stringify(command)}\n`);
    });
  }

  /** Ends the process (it exits when its stdin closes). */
  async close(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.stdin.end();
    const killer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(killer);
  }
}
