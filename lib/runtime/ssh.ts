/**
 * Running commands on another host with the system's OpenSSH client (`ssh`), as researchers reach
 * their hosts: keys, agents, jump hosts and aliases come from the user's ssh configuration (or the file
 * given as `sshConfig`, `ssh -F`). flashlab never asks for a password: ssh runs in batch mode, and a
 * host that is not reachable or not trusted fails at once with ssh's own message. Keep-alives every
 * 2 s notice a connection that died silently within about 6 s.
 */
import { spawn } from "node:child_process";
import { findExecutable } from "./executables.js";

/** Where to run: the SSH destination and, optionally, the ssh_config file to use. */
export interface SshTarget {
  /** [user@]host, or a Host of the ssh configuration. */
  host: string;
  sshConfig?: string;
}

/** ssh exits 255 when it failed itself (could not connect, authenticate, or the connection was lost). */
export const sshOwnFailure = 255;

/** The path of ssh, or an Error saying how to install it. */
export function sshProgram(): string {
  const path = findExecutable("ssh", ["/usr/bin/ssh"]);
  if (path === undefined) throw new Error("the ssh client is not installed (Debian: openssh-client); it is needed to run a server on another host");
  return path;
}

/** ssh's arguments to run the shell command `command` on `target` (no terminal, batch mode, keep-alives). */
export function sshArguments(target: SshTarget, command: string): string[] {
  return [
    ...(target.sshConfig ? ["-F", target.sshConfig] : []),
    "-T",
    "-o",
    "BatchMode=yes",
    "-o",
    "ConnectTimeout=15",
    "-o",
    "ServerAliveInterval=2",
    "-o",
    "ServerAliveCountMax=3",
    "--",
    target.host,
    command,
  ];
}

/** The last non-empty line of ssh's (or the remote command's) stderr. */
export function lastLine(text: string): string | undefined {
  return text.trim().split("\n").map((line) => line.trim()).filter(Boolean).at(-1);
}

/** Why a command on `host` failed, in words: ssh's own failure (exit 255) or the command's exit status. */
export function describeSshFailure(host: string, code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  const detail = lastLine(stderr);
  if (signal !== null) return `ssh to ${host} was killed (${signal})`;
  if (code === sshOwnFailure) return `the SSH connection to ${host} failed${detail ? `: ${detail}` : " (ssh exited with 255)"}`;
  return `the command on ${host} exited with status ${code}${detail ? `: ${detail}` : ""}`;
}

export interface SshRunOptions {
  /** Bytes for the command's stdin (a stream is piped; a string or buffer is written). */
  input?: NodeJS.ReadableStream | string | Buffer;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Runs the shell command `command` on `target`; resolves to its stdout, rejects with describeSshFailure's words. */
export function runOverSsh(target: SshTarget, command: string, options: SshRunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(sshProgram(), sshArguments(target, command), { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    child.stdin.on("error", () => undefined); // the exit handler reports why
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    const onAbort = (): void => void child.kill("SIGKILL");
    options.signal?.addEventListener("abort", onAbort, { once: true });
    child.once("error", (error) => reject(new Error(`cannot run ssh: ${error.message}`)));
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      if (code === 0) resolve(stdout);
      else if (signal === "SIGKILL" && options.timeoutMs !== undefined && !options.signal?.aborted) reject(new Error(`ssh to ${target.host} did not finish within ${Math.round(options.timeoutMs / 1000)} s: ${command.slice(0, 80)}`));
      else reject(new Error(describeSshFailure(target.host, code, signal, stderr)));
    });
    const input = options.input;
    if (input === undefined) child.stdin.end();
    else if (typeof input === "string" || Buffer.isBuffer(input)) child.stdin.end(input);
    else input.pipe(child.stdin);
  });
}
