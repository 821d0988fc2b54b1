/**
 * A flashlab server on another host, started over SSH for one run. `flashlab serve --json --control`
 * runs there inside a small shell wrapper that
 * - binds the server to the address this host reached that host at (the server side of SSH_CONNECTION),
 *   so the server is exposed on that one interface only, as a server in the lab would be;
 * - prints serve's exit status as a last line, so that a server that died is told apart from a lost
 *   connection.
 * The first line serve prints gives the URL and serve's pid; stats and CPU/memory readings are asked on
 * the session's stdin and answered on its stdout (servers/control.ts), over the same SSH connection: no
 * other port is opened. `stop()` sends SIGTERM to serve (a second ssh command), which lets in-flight
 * requests finish and stops every process of the server; if that does not end it, closing the session's
 * stdin does, as does a runner that dies (its ssh goes, serve's stdin ends). A session that ends before
 * `stop()` makes every pending and later request fail with the reason, in words.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { parseWithInfinity } from "../../runtime/json-with-infinity.js";
import { shellCommand, shellQuote } from "../../runtime/shell-quote.js";
import { lastLine, runOverSsh, sshArguments, sshOwnFailure, sshProgram, type SshTarget } from "../../runtime/ssh.js";
import type { ControlCommand, ControlReply, ServeExitLine, ServerUsage } from "../../servers/control.js";
import type { ServerOptions, ServerStats } from "../../servers/types.js";
import type { CpuMeter, ServerUnderTest } from "./server-under-test.js";

/** `flashlab serve`'s flags for `options` (the address to bind is added on the server host). */
export function serveArguments(options: ServerOptions): string[] {
  const args = ["serve", "--arch", options.arch, "--docroot", options.docroot, "--port", "0"];
  const number = (flag: string, value: number | undefined) => {
    if (value !== undefined && Number.isFinite(value)) args.push(flag, String(value));
  };
  number("--workers", options.workers);
  number("--helpers", options.helpers);
  const disk = options.disk ?? { kind: "real" };
  args.push("--disk", disk.kind);
  if (disk.kind === "sim") {
    number("--disk-latency-ms", disk.latencyMs);
    number("--disk-mbps", disk.bandwidthMBps);
    number("--cache-mb", disk.cacheMB);
    number("--disk-parallelism", disk.parallelism);
  }
  if (options.caches?.path === false) args.push("--no-path-cache");
  if (options.caches?.header === false) args.push("--no-header-cache");
  if (options.caches?.data === false) args.push("--no-data-cache");
  number("--data-cache-mb", options.caches?.dataMB);
  if (options.gather === false) args.push("--no-gather");
  if (options.timing === false) args.push("--no-timing");
  if (options.acceptPolicy !== undefined) args.push("--accept-policy", options.acceptPolicy);
  number("--max-connections", options.maxConnections);
  number("--grace-ms", options.graceMs);
  number("--max-processes", options.apache?.maxProcesses);
  number("--threads-per-process", options.apache?.threadsPerProcess);
  if (options.cpus !== undefined) args.push("--cpus", options.cpus);
  args.push("--json", "--control");
  return args;
}

/** The shell command run on the server host: see the module comment. `flashlab` is shell words (a command there). */
export function remoteServeCommand(flashlab: string, options: ServerOptions): string {
  const script = [
    "set -- $SSH_CONNECTION",
    `${flashlab} ${shellCommand(serveArguments(options))} --host "$3"`,
    "status=$?",
    `printf '{"kind":"exit","status":%d}\\n' "$status"`,
    'exit "$status"',
  ].join("\n");
  return `sh -c ${shellQuote(script)}`;
}

interface ServeReadyLine {
  url: string;
  pid: number;
  disk: string;
}

type SessionLine = ServeReadyLine | ControlReply | ServeExitLine;

function parseLine(line: string): SessionLine | undefined {
  try {
    const value = parseWithInfinity(line) as Partial<ServeReadyLine> & { kind?: string };
    if (typeof value !== "object" || value === null) return undefined;
    if (typeof value.url === "string" && typeof value.pid === "number") return value as ServeReadyLine;
    if (value.kind === "stats" || value.kind === "usage" || value.kind === "error" || value.kind === "exit") return value as SessionLine;
  } catch {
    // not a line of the protocol (something the remote shell printed)
  }
  return undefined;
}

/** "killed by SIGKILL" for a shell's status 137. */
function describeStatus(status: number): string {
  return status > 128 ? `was killed (signal ${status - 128})` : `exited with status ${status}`;
}

export interface RemoteServerOptions {
  target: SshTarget;
  /** The command that runs flashlab on the server host, as shell words. */
  flashlab: string;
  /** The server's options, with the docroot's path on the server host. */
  server: ServerOptions;
  startTimeoutMs?: number;
  signal?: AbortSignal;
}

/** A server started over SSH; see the module comment. */
export class RemoteServer implements ServerUnderTest {
  url = "";
  diskDescription = "";
  /** serve's pid on the server host. */
  remotePid = 0;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<{ resolve(reply: ControlReply): void; reject(error: Error): void }> = [];
  private stderr = "";
  private exitStatus: number | undefined;
  private stopping = false;
  private ended: Error | undefined;
  private readonly closed: Promise<void>;
  private readonly ready: Promise<void>;

  private constructor(private readonly options: RemoteServerOptions) {
    const command = remoteServeCommand(options.flashlab, options.server);
    this.child = spawn(sshProgram(), sshArguments(options.target, command), { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdin.on("error", () => undefined); // the close handler reports why
    this.child.stderr.setEncoding("utf8").on("data", (chunk: string) => (this.stderr = (this.stderr + chunk).slice(-4000)));
    let onReady!: () => void;
    let onNotReady!: (error: Error) => void;
    this.ready = new Promise((resolve, reject) => {
      onReady = resolve;
      onNotReady = reject;
    });
    this.ready.catch(() => undefined); // start() reports it; a session that ends later is reported by the requests
    createInterface({ input: this.child.stdout }).on("line", (text) => {
      const line = parseLine(text);
      if (line === undefined) return;
      if ("url" in line) {
        this.url = line.url;
        this.remotePid = line.pid;
        this.diskDescription = line.disk;
        onReady();
      } else if (line.kind === "exit") this.exitStatus = line.status;
      else this.waiting.shift()?.resolve(line);
    });
    this.closed = new Promise((resolve) => {
      this.child.once("error", (error) => {
        this.end(new Error(`cannot run ssh: ${error.message}`));
        onNotReady(this.ended!);
        resolve();
      });
      this.child.once("close", (code, signal) => {
        this.end(this.failure(code, signal));
        onNotReady(this.ended!);
        resolve();
      });
    });
  }

  /** Starts the server on the target host and resolves once it listens; rejects with the reason it could not. */
  static async start(options: RemoteServerOptions): Promise<RemoteServer> {
    const server = new RemoteServer(options);
    const timeoutMs = options.startTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => void server.child.kill("SIGKILL");
    options.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      await Promise.race([
        server.ready,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the server on ${options.target.host} did not say where it listens within ${timeoutMs / 1000} s${server.stderr ? `: ${lastLine(server.stderr)}` : ""}`)), timeoutMs);
        }),
      ]);
      return server;
    } catch (error) {
      server.child.kill("SIGKILL");
      throw error;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    }
  }

  /** Why the session ended, in words. */
  private failure(code: number | null, signal: NodeJS.Signals | null): Error {
    const host = this.options.target.host;
    const detail = lastLine(this.stderr);
    if (this.exitStatus !== undefined) {
      if (this.stopping && this.exitStatus === 0) return new Error(`the server on ${host} was stopped`);
      return new Error(`the server on ${host} ${describeStatus(this.exitStatus)}${detail ? `: ${detail}` : ""}`);
    }
    if (signal !== null) return new Error(`the ssh session to ${host} was killed (${signal})`);
    if (code === sshOwnFailure) return new Error(`lost the SSH connection to ${host}${detail ? ` (${detail})` : ""}`);
    return new Error(`the server's session on ${host} ended with status ${code}${detail ? `: ${detail}` : ""}`);
  }

  private end(error: Error): void {
    this.ended ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.ended);
  }

  /** Sends a control command and waits for its reply. */
  private ask(command: ControlCommand, timeoutMs = 15_000): Promise<ControlReply> {
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(new Error(`the server on ${this.options.target.host} did not answer "${command}" within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const waiter = {
        resolve: (reply: ControlReply) => (clearTimeout(timer), resolve(reply)),
        reject: (error: Error) => (clearTimeout(timer), reject(error)),
      };
      this.waiting.push(waiter);
      this.child.stdin.write(`${command}\n`);
    });
  }

  async stats(): Promise<ServerStats> {
    const reply = await this.ask("stats");
    if (reply.kind !== "stats") throw new Error(`the server on ${this.options.target.host} answered stats with ${reply.kind === "error" ? reply.message : reply.kind}`);
    return reply.stats;
  }

  private async usage(): Promise<ServerUsage> {
    const reply = await this.ask("usage");
    if (reply.kind !== "usage") throw new Error(`the server on ${this.options.target.host} answered usage with ${reply.kind === "error" ? reply.message : reply.kind}`);
    return reply;
  }

  /** The CPU time of the server's processes read on its host at the start and at the end of the load (its clock is not this host's, so the measured phase cannot be cut out). */
  async startCpuMeter(): Promise<CpuMeter> {
    const first = await this.usage();
    let last: ServerUsage | undefined;
    return {
      stop: async () => {
        last = await this.usage();
      },
      reading: () => {
        if (last === undefined || first.cpuSeconds === null || last.cpuSeconds === null || last.elapsedMs <= first.elapsedMs) return undefined;
        const seconds = (last.elapsedMs - first.elapsedMs) / 1000;
        return { cpuPct: (100 * (last.cpuSeconds - first.cpuSeconds)) / seconds, seconds, over: "the whole load call, read on the server host at its start and end" };
      },
    };
  }

  async memory(): Promise<{ rssBytes: number; pssBytes: number | undefined; processes: number } | undefined> {
    const memory = (await this.usage()).memory;
    return memory === null ? undefined : { rssBytes: memory.rssBytes, pssBytes: memory.pssBytes ?? undefined, processes: memory.processes };
  }

  /** The error that ended the session early, if it has ended without being stopped. */
  get failed(): Error | undefined {
    return this.stopping ? undefined : this.ended;
  }

  /** SIGTERM to serve on its host; then, if the session is still open, the end of its stdin; then the ssh process. */
  async stop(graceMs = 2000): Promise<void> {
    this.stopping = true;
    if (this.ended) return;
    const wait = (ms: number) => Promise.race([this.closed.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref())]);
    await runOverSsh(this.options.target, `kill -TERM ${this.remotePid}`, { timeoutMs: 20_000 }).catch(() => undefined);
    if (await wait(graceMs + 15_000)) return;
    this.child.stdin.end();
    if (await wait(5000)) return;
    this.child.kill("SIGKILL");
    await this.closed;
  }
}
