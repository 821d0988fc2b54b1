/**
 * The driver's side of a submission: one sandboxed child process (sandbox.ts) running runner-entry.ts,
 * loaded with the student's cells, that the hidden tests call into (`SubmissionHandle`).
 *
 * - The child starts on first use and loads the cells. A load that throws is remembered (a later call
 *   to a name defined before the throw still works); a load that hangs or kills the process is
 *   remembered too, and every later call fails at once with that reason rather than trying again.
 * - A call that outlives its time limit kills the child (it is stuck); a child that dies fails the
 *   calls in flight. Either way the next call starts a fresh child.
 * - What the child prints is kept (bounded) for the test's output; what it answers is checked
 *   (protocol.ts) and returned as the student's value, nothing more.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { compiledModule, projectRoot } from "../runtime/paths.js";
import { SubmissionError, type SubmissionEvent, type SubmissionHandle } from "./hidden-test.js";
import { readLines } from "./line-reader.js";
import { encodeMessage, fromWire, maxMessageBytes, parseChildMessage, toWire, type ChildMessage, type DriverMessage } from "./protocol.js";
import { childCommand, childExit, type SandboxLevel } from "./sandbox.js";

export interface SessionOptions {
  sandbox: SandboxLevel;
  /** The load message: module body, names, forbidden imports, data files. */
  load: Extract<DriverMessage, { type: "load" }>;
  memoryMB: number;
  cpuSeconds: number;
  loadTimeoutMs: number;
  callTimeoutMs: number;
  /** Why the submission cannot run at all, known before starting it (unreadable, syntax errors): every call fails with this. */
  cannotLoad?: string;
}

/** The most output kept per test (its beginning; the rest is counted). */
const maxOutputChars = 8_000;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  label: string;
}

interface LiveChild {
  process: ChildProcess;
  protocol: Readable;
  pending: Map<number, Pending>;
  ended: Promise<{ code: number | null; signal: string | null }>;
  exit?: { code: number | null; signal: string | null };
  killGroup: boolean;
  scratch: string;
}

export class SubmissionSession implements SubmissionHandle {
  private child: LiveChild | undefined;
  private starting: Promise<LiveChild> | undefined;
  private nextId = 1;
  private output = "";
  private outputDropped = 0;
  private events: SubmissionEvent[] = [];
  private eventWaiters: Array<() => void> = [];
  /** Why the cells cannot be loaded at all (then nothing is retried). */
  private loadFailure: string | undefined;
  /** What the cells threw while loading, if they did (names defined before it still work). */
  loadError: string | undefined;
  /** Names the cells defined. */
  defined: string[] = [];

  constructor(private readonly options: SessionOptions) {
    this.loadFailure = options.cannotLoad;
  }

  async call(name: string, ...args: unknown[]): Promise<unknown> {
    const child = await this.ready();
    if (!this.defined.includes(name)) {
      const why = this.loadError ? ` (loading your cells stopped at: ${this.loadError})` : "";
      throw new SubmissionError("missing", `${name} is not defined by your cells${why}`);
    }
    return this.request(child, { type: "call", id: this.nextId++, name, args: toWire(args) as unknown[] }, `${name}(…)`, this.options.callTimeoutMs);
  }

  async fixture(name: string, args: unknown = {}, timeoutMs = 30_000): Promise<unknown> {
    const child = await this.ready();
    return this.request(child, { type: "fixture", id: this.nextId++, name, args: toWire(args) }, `the ${name} harness`, timeoutMs);
  }

  nextEvent(match: (event: SubmissionEvent) => boolean, timeoutMs: number): Promise<SubmissionEvent | undefined> {
    return new Promise((resolve) => {
      const look = (): boolean => {
        const index = this.events.findIndex(match);
        if (index === -1) return false;
        clearTimeout(timer);
        resolve(this.events.splice(index, 1)[0]);
        return true;
      };
      const timer = setTimeout(() => {
        this.eventWaiters = this.eventWaiters.filter((waiter) => waiter !== wake);
        resolve(undefined);
      }, timeoutMs);
      const wake = () => {
        if (!look()) this.eventWaiters.push(wake);
      };
      wake();
    });
  }

  async restart(): Promise<void> {
    await this.kill();
    this.events = [];
  }

  async finish(timeoutMs: number): Promise<{ exitedByItself: boolean; code: number | null; signal: string | null }> {
    const child = this.child;
    if (child === undefined) return { exitedByItself: true, code: 0, signal: null };
    child.process.stdin?.end();
    const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), timeoutMs).unref());
    const outcome = await Promise.race([child.ended, timeout]);
    if (outcome === "timeout") {
      await this.kill();
      return { exitedByItself: false, code: null, signal: null };
    }
    this.child = undefined;
    return { exitedByItself: true, ...outcome };
  }

  /**
   * A handle for one test that stops working when the test is over (`retire`), so that a test cut
   * short by its time limit cannot go on calling into the submission during the next one.
   */
  handleForOneTest(): SubmissionHandle & { retire(): void } {
    let active = true;
    const check = () => {
      if (!active) throw new SubmissionError("timeout", "the test's time was up");
    };
    return {
      call: async (name, ...args) => (check(), this.call(name, ...args)),
      fixture: async (name, args, timeoutMs) => (check(), this.fixture(name, args, timeoutMs)),
      nextEvent: async (match, timeoutMs) => (check(), this.nextEvent(match, timeoutMs)),
      restart: async () => (check(), this.restart()),
      finish: async (timeoutMs) => (check(), this.finish(timeoutMs)),
      retire: () => {
        active = false;
      },
    };
  }

  /** What the submission printed since the last call of this method (bounded). */
  takeOutput(): string {
    const text = this.outputDropped > 0 ? `${this.output}\n… (${this.outputDropped} more characters of output not shown)` : this.output;
    this.output = "";
    this.outputDropped = 0;
    return text;
  }

  /** Ends the child, if any. */
  async close(): Promise<void> {
    await this.kill();
  }

  private keepOutput(text: string): void {
    const room = maxOutputChars - this.output.length;
    if (room >= text.length) this.output += text;
    else {
      this.output += text.slice(0, Math.max(0, room));
      this.outputDropped += text.length - Math.max(0, room);
    }
  }

  private async ready(): Promise<LiveChild> {
    if (this.loadFailure !== undefined) throw new SubmissionError("not-loaded", this.loadFailure);
    if (this.child !== undefined && this.child.exit === undefined) return this.child;
    this.starting ??= this.start().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async start(): Promise<LiveChild> {
    const options = this.options;
    const command = childCommand(options.sandbox, {
      projectRoot,
      node: process.execPath,
      runner: compiledModule("grading/runner-entry"),
      memoryMB: options.memoryMB,
      cpuSeconds: options.cpuSeconds,
    });
    const child = spawn(command.command, command.args, {
      cwd: command.cwd,
      env: command.env,
      stdio: ["pipe", "pipe", "pipe", "pipe"],
      detached: command.killGroup,
    });
    const protocol = child.stdio[3] as Readable;
    const live: LiveChild = {
      process: child,
      protocol,
      pending: new Map(),
      killGroup: command.killGroup,
      scratch: command.scratch,
      // Ended when the process has exited and its pipes have drained, or half a second after the exit
      // (a process it left behind may hold the pipes open).
      ended: new Promise((resolve) => {
        child.once("exit", (code, signal) => {
          const finish = () => {
            if (live.exit !== undefined) return;
            live.exit = childExit(options.sandbox, code, signal);
            for (const stream of child.stdio) stream?.destroy();
            rmSync(command.scratch, { recursive: true, force: true });
            this.childEnded(live);
            resolve(live.exit);
          };
          child.once("close", finish);
          setTimeout(finish, 500).unref();
        });
      }),
    };
    child.once("error", (error) => this.keepOutput(`\n[grader] could not start the submission's process: ${error.message}\n`));
    child.stdout?.on("data", (chunk: Buffer) => this.keepOutput(chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => this.keepOutput(chunk.toString()));
    (child.stdin as Writable).on("error", () => {}); // a child that died before reading
    this.readProtocol(live);
    this.child = live;
    const loaded = await this.request(live, options.load, "loading your cells", options.loadTimeoutMs, "loaded").catch((error: unknown) => {
      this.loadFailure = this.describeLoadFailure(error as Error);
      throw new SubmissionError("not-loaded", this.loadFailure);
    });
    const message = loaded as Extract<ChildMessage, { type: "loaded" }>;
    this.defined = message.defined;
    this.loadError = message.loadError;
    return live;
  }

  private describeLoadFailure(error: Error): string {
    if (error instanceof SubmissionError && error.kind === "timeout") {
      return `your cells did not finish loading within ${this.options.loadTimeoutMs / 1000} s (an endless loop or a wait at the top level of a cell?)`;
    }
    return `your cells could not be loaded: ${error.message}`;
  }

  /** Reads the child's answers: one JSON line each, bounded in size; anything malformed is ignored. */
  private readProtocol(live: LiveChild): void {
    readLines(
      live.protocol,
      (line) => {
        const message = parseChildMessage(line);
        if (message !== null) this.deliver(live, message);
      },
      maxMessageBytes,
      () => {
        this.keepOutput(`\n[grader] the submission sent an answer larger than ${maxMessageBytes} bytes; it was stopped\n`);
        void this.kill();
      },
    );
  }

  private deliver(live: LiveChild, message: ChildMessage): void {
    if (message.type === "event") {
      this.events.push({ name: message.name, data: fromWire(message.data) });
      for (const wake of this.eventWaiters.splice(0)) wake();
      return;
    }
    // The load waits for "loaded" only, a call for "result" or "failed" only (the load has id 0, calls 1, 2, …).
    const id = message.type === "loaded" ? 0 : message.id;
    const pending = live.pending.get(id);
    if (pending === undefined || (id === 0) !== (message.type === "loaded")) return;
    live.pending.delete(id);
    if (message.type === "failed") pending.reject(new SubmissionError("threw", `${pending.label} threw ${message.error}`));
    else if (message.type === "result") pending.resolve(fromWire(message.value));
    else pending.resolve(message);
  }

  /** Sends a message and waits for its answer (id 0 for the load). */
  private request(live: LiveChild, message: DriverMessage, label: string, timeoutMs: number, expect?: "loaded"): Promise<unknown> {
    const id = expect === "loaded" ? 0 : (message as { id: number }).id;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        live.pending.delete(id);
        reject(new SubmissionError("timeout", `${label} did not finish within ${timeoutMs / 1000} s (an endless loop?); the process was stopped`));
        void this.kill();
      }, timeoutMs);
      live.pending.set(id, {
        label,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      live.process.stdin?.write(encodeMessage(message));
    });
  }

  private childEnded(live: LiveChild): void {
    const exit = live.exit!;
    const how = exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    const memory = /heap out of memory|Allocation failed/i.test(this.output) ? ` (it ran out of memory: the limit is ${this.options.memoryMB} MB of heap)` : "";
    for (const pending of live.pending.values()) {
      pending.reject(new SubmissionError("crashed", `the submission's process ${how} during ${pending.label}${memory}`));
    }
    live.pending.clear();
    if (this.child === live) this.child = undefined;
  }

  private async kill(): Promise<void> {
    const live = this.child;
    if (live === undefined) return;
    this.child = undefined;
    if (live.exit === undefined) {
      const pid = live.process.pid;
      try {
        if (pid !== undefined) process.kill(live.killGroup ? -pid : pid, "SIGKILL");
      } catch {
        // already gone
      }
      await live.ended;
    }
  }
}
