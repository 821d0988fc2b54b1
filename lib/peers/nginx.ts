/**
 * nginx as a peer server that flashlab starts and stops itself: a child process with its own config in
 * a fresh temporary folder (daemon off, loopback only, access log off unless asked, sendfile and the
 * open-file cache on, keep-alive requests raised, pid file and temp paths inside that folder), optionally pinned to CPUs with taskset, and
 * stopped by its PID. Benchmarks and tests use it as the well-known reference server.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { connect, createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { findExecutable } from "../runtime/executables.js";
import { withCpuPlacement } from "./tool-process.js";

/** How to run nginx. Only `docroot` is required. */
export interface NginxOptions {
  /** The folder to serve. */
  docroot: string;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Worker processes. Default 1. */
  workers?: number;
  /** Requests per keep-alive connection before nginx closes it. Default 1,000,000. */
  keepaliveRequests?: number;
  /** Use sendfile(2). Default true. */
  sendfile?: boolean;
  /**
   * Keep open descriptors and stat results of served files (`open_file_cache`, revalidated every 60 s):
   * nginx's counterpart of Flash's pathname and header caches. Default true, so that comparisons meet
   * nginx at its best.
   */
  openFileCache?: boolean;
  /** CPUs to pin nginx to (taskset -c list, e.g. "0"). Default: no pinning. */
  cpus?: string;
  /** Log every request to `accessLogFile` in the prefix folder. Default false (access_log off). */
  accessLog?: boolean;
  /** Extra directives for the http block, verbatim. */
  extraHttpDirectives?: string;
  /** The nginx binary. Default: nginx on PATH or /usr/sbin/nginx. */
  nginxPath?: string;
  /** How long to wait for nginx to accept connections. Default 5000 ms. */
  startTimeoutMs?: number;
}

/** A running nginx. */
export interface RunningNginx {
  /** http://127.0.0.1:PORT (no trailing slash). */
  baseUrl: string;
  port: number;
  pid: number;
  /** The folder holding the config, pid file, error log and temp paths. */
  prefix: string;
  configFile: string;
  /** The access log, when `accessLog` was set (removed by stop()). */
  accessLogFile: string | undefined;
  /** Stops nginx (SIGTERM, then SIGKILL after 3 s) and removes its folder. */
  stop(): Promise<void>;
}

/** The nginx binary on this machine, or undefined. */
export function findNginx(): string | undefined {
  return findExecutable("nginx", ["/usr/sbin/nginx"]);
}

/** A port on 127.0.0.1 that was free a moment ago. */
export async function pickFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => done());
  });
  const port = (server.address() as AddressInfo).port;
  await new Promise((done) => server.close(done));
  return port;
}

/** nginx's cache of open descriptors and stat results (Flash's pathname cache has its counterpart here). */
const openFileCacheDirectives = [
  "    open_file_cache max=10000 inactive=60s;",
  "    open_file_cache_valid 60s;",
  "    open_file_cache_min_uses 1;",
  "    open_file_cache_errors on;",
  "",
].join("\n");

/** The nginx.conf text for `options` with everything under `prefix`. */
export function nginxConfig(options: NginxOptions & { port: number }, prefix: string): string {
  const mimeTypes = existsSync("/etc/nginx/mime.types") ? "    include /etc/nginx/mime.types;\n" : "";
  const runAsRoot = process.getuid?.() === 0 ? "user root;\n" : "";
  return `${runAsRoot}daemon off;
worker_processes ${options.workers ?? 1};
pid ${join(prefix, "nginx.pid")};
error_log ${join(prefix, "error.log")} warn;
events { worker_connections 8192; }
http {
${mimeTypes}    default_type application/octet-stream;
    access_log ${options.accessLog ? join(prefix, "access.log") : "off"};
    sendfile ${options.sendfile === false ? "off" : "on"};
${options.openFileCache === false ? "" : openFileCacheDirectives}    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests ${options.keepaliveRequests ?? 1_000_000};
    keepalive_timeout 75s;
    client_body_temp_path ${join(prefix, "client_body")};
    proxy_temp_path ${join(prefix, "proxy")};
    fastcgi_temp_path ${join(prefix, "fastcgi")};
    uwsgi_temp_path ${join(prefix, "uwsgi")};
    scgi_temp_path ${join(prefix, "scgi")};
${options.extraHttpDirectives ?? ""}
    server {
        listen 127.0.0.1:${options.port};
        server_name localhost;
        root ${resolve(options.docroot)};
        location / { }
    }
}
`;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("error", () => done(false));
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/**
 * Starts nginx serving `options.docroot` on 127.0.0.1 and resolves once it accepts connections.
 * Rejects, with nginx's own error log, when nginx is missing, the docroot is missing, or it fails to start.
 */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  const binary = options.nginxPath ?? findNginx();
  if (binary === undefined) throw new Error("nginx is not installed (Debian: apt-get install nginx); it is needed as the peer server");
  if (!existsSync(options.docroot)) throw new Error(`nginx docroot ${options.docroot} does not exist; give an existing folder of files to serve`);
  const attempts = options.port === undefined || options.port === 0 ? 3 : 1;
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = options.port || (await pickFreePort());
    try {
      return await startNginxOnPort(binary, { ...options, port });
    } catch (error) {
      lastError = error as Error;
      if (!/Address already in use/.test(lastError.message)) break;
    }
  }
  throw lastError as Error;
}

async function startNginxOnPort(binary: string, options: NginxOptions & { port: number }): Promise<RunningNginx> {
  const prefix = await mkdtemp(join(tmpdir(), "flashlab-nginx-"));
  const configFile = join(prefix, "nginx.conf");
  const errorLog = join(prefix, "error.log");
  await writeFile(configFile, nginxConfig(options, prefix));
  const [command, args] = withCpuPlacement(binary, ["-p", prefix, "-c", configFile, "-e", errorLog], options.cpus);
  const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const spawnFailure = new Promise<Error>((done) => child.once("error", (error) => done(error)));
  const failWith = async (reason: string): Promise<never> => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await waitForExit(child, 1000);
    const log = await readFile(errorLog, "utf8").catch(() => "");
    await rm(prefix, { recursive: true, force: true });
    throw new Error(`nginx did not start (${reason}): ${(stderr + log).trim() || "no output"}`);
  };
  const startTimeoutMs = options.startTimeoutMs ?? 5000;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    const failed = await Promise.race([spawnFailure, sleep(20, undefined)]);
    if (failed) return failWith(failed.message);
    if (child.exitCode !== null || child.signalCode !== null) return failWith(`exited with ${child.exitCode ?? child.signalCode}`);
    if (await canConnect(options.port)) break;
    if (Date.now() > deadline) return failWith(`no connection on port ${options.port} within ${startTimeoutMs} ms`);
  }
  const pid = child.pid as number;
  let stopped = false;
  return {
    baseUrl: `http://127.0.0.1:${options.port}`,
    port: options.port,
    pid,
    prefix,
    configFile,
    accessLogFile: options.accessLog ? join(prefix, "access.log") : undefined,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(pid, "SIGTERM");
        if (!(await waitForExit(child, 3000))) {
          process.kill(pid, "SIGKILL");
          await waitForExit(child, 1000);
        }
      }
      await rm(prefix, { recursive: true, force: true });
    },
  };
}
