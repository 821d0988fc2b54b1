/**
 * The sandbox a submission runs in, and how the grader finds out which one this machine allows.
 *
 * - "namespaces" (root, with unshare and ip): the grading driver runs in network and PID namespaces of
 *   its own (loopback is the only interface; killing the driver ends everything below it), and each
 *   submission child in a further mount and PID namespace, chrooted into a root built for it: read-only /usr and /etc, a minimal /dev, its own
 *   /proc, a private size-limited /tmp (its only writable place), and from the project only dist/,
 *   node_modules/ and package.json, so the assignment folders (solutions, hidden tests) and the git
 *   history are not there at all. It runs as nobody with no capabilities and no_new_privs, below a
 *   root shell that is its namespace's init: killing the child's unshare process kills that shell
 *   (unshare's parent-death signal, which the uid change would have cleared on the child itself), and
 *   with it every process in the namespace.
 * - "uid" (root without namespaces): the child runs as nobody with the same limits, in a private
 *   temporary folder; it can read whatever nobody can read, and the network is not restricted.
 * - "none" (not root, or asked for): a plain child process with the limits below; it can read and
 *   write what the grader's user can, and use the network, and a process it detaches from its group
 *   can outlive the run. The grader says so in every results file.
 *
 * Limits in every mode: the grader's wall clock (per call, per test, per run), the V8 heap
 * (--max-old-space-size), and with prlimit the address space (8 GiB: Node reserves about 0.6 GiB of
 * address space per thread, so a tighter cap breaks worker threads), CPU seconds, open files, file size
 * and (as nobody) processes. Memory outside the V8 heap (Buffers) is bounded by the address space only.
 */
import { spawnSync } from "node:child_process";
import { chownSync, mkdtempSync } from "node:fs";
import { constants as osConstants, tmpdir } from "node:os";
import { join } from "node:path";
import { findExecutable } from "../runtime/executables.js";

export type SandboxLevel = "namespaces" | "uid" | "none";
export const sandboxLevels: readonly SandboxLevel[] = ["namespaces", "uid", "none"];

export interface SandboxChoice {
  level: SandboxLevel;
  /** One paragraph for the results file: what the submission could and could not do. */
  description: string;
}

const nobody = 65534;
const addressSpaceBytes = 8 * 1024 ** 3;
const maxFileBytes = 256 * 1024 ** 2;
const privateTmpMB = 256;

const descriptions: Record<SandboxLevel, string> = {
  namespaces:
    "sandbox: namespaces. The submission ran as nobody, without capabilities, in its own mount, PID and network namespaces: loopback only, a private 256 MB /tmp as its only writable place, and a root that holds only the system's /usr and /etc (read-only) and flashlab's dist/ and node_modules/ (read-only): no assignment folders, no hidden tests, no git history.",
  uid: "sandbox: uid. The submission ran as nobody, without namespaces (not available here): it could read files that nobody may read and use the network. Keep hidden tests unreadable to others (chmod -R o-rwx notebooks/assignments) or grade as root where namespaces work.",
  none: "sandbox: none. The submission ran as the grader's own user: it could read and write that user's files (the hidden tests among them) and use the network; only time and memory were limited. Grade untrusted code as root on Linux (namespaces), or inside a disposable container.",
};

const toolPaths = new Map<string, string | undefined>();

/** Where a system tool is (on PATH, or in the usual sbin and bin folders); looked up once. */
function tool(name: string): string | undefined {
  if (!toolPaths.has(name)) toolPaths.set(name, findExecutable(name, [`/usr/sbin/${name}`, `/usr/bin/${name}`, `/sbin/${name}`, `/bin/${name}`]));
  return toolPaths.get(name);
}

/** Runs `command` quietly; true when it exits 0. */
function succeeds(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: "ignore", timeout: 10_000 });
  return result.status === 0;
}

/**
 * The strongest sandbox this machine allows, or the one asked for. Asking for more than the machine
 * allows is an error that says what is missing.
 */
export function chooseSandbox(requested: SandboxLevel | "auto"): SandboxChoice {
  const isRoot = process.getuid?.() === 0;
  const tools = { unshare: tool("unshare"), ip: tool("ip"), setpriv: tool("setpriv"), prlimit: tool("prlimit"), chroot: tool("chroot") };
  const missing = (names: Array<keyof typeof tools>) => names.filter((name) => tools[name] === undefined);
  const namespacesWork = () =>
    isRoot &&
    missing(["unshare", "ip", "setpriv", "prlimit", "chroot"]).length === 0 &&
    succeeds(tools.unshare!, ["--net", "--mount", "--pid", "--fork", "--kill-child", "--", "/bin/sh", "-c", `${tools.ip} link set lo up`]);
  const uidWorks = () => isRoot && missing(["setpriv", "prlimit"]).length === 0;
  const level: SandboxLevel =
    requested === "auto" ? (namespacesWork() ? "namespaces" : uidWorks() ? "uid" : "none") : requested;
  if (requested === "namespaces" && !namespacesWork()) {
    const why = !isRoot ? "it needs root" : missing(["unshare", "ip", "setpriv", "prlimit", "chroot"]).length > 0 ? `missing ${missing(["unshare", "ip", "setpriv", "prlimit", "chroot"]).join(", ")}` : "unshare failed (a container without CAP_SYS_ADMIN?)";
    throw new Error(`--sandbox namespaces is not available here: ${why}`);
  }
  if (requested === "uid" && !uidWorks()) throw new Error(`--sandbox uid is not available here: ${isRoot ? `missing ${missing(["setpriv", "prlimit"]).join(", ")}` : "it needs root"}`);
  return { level, description: descriptions[level] };
}

/** How the driver starts itself: inside a loopback-only network namespace for "namespaces". */
export function driverCommand(level: SandboxLevel, node: string, nodeArgs: string[]): { command: string; args: string[] } {
  if (level !== "namespaces") return { command: node, args: nodeArgs };
  const ip = tool("ip")!;
  return {
    command: tool("unshare")!,
    // Its own PID namespace too: when the grader kills it, everything it started dies with it.
    args: ["--net", "--pid", "--fork", "--kill-child", "--", "/bin/sh", "-c", `${ip} link set lo up && exec "$@"`, "flashlab-driver", node, ...nodeArgs],
  };
}

/** Builds the child's root inside its new mount namespace, then runs the rest of the arguments chrooted. */
const buildRootScript = `
set -eu
R=$1; PROJECT=$2; NODE=$3; TMPMB=$4; shift 4
mount --make-rprivate /
mount -t tmpfs -o size=4m,mode=0755 flashlab-sandbox "$R"
bind_ro() { mount --rbind "$1" "$R$1"; mount -o remount,bind,ro "$R$1"; }
mkdir -p "$R/usr" "$R/etc" "$R/dev" "$R/proc" "$R/tmp"
bind_ro /usr
bind_ro /etc
for link in bin sbin lib lib32 lib64 libx32; do
  if [ -L "/$link" ]; then ln -s "$(readlink "/$link")" "$R/$link"
  elif [ -d "/$link" ]; then mkdir -p "$R/$link"; bind_ro "/$link"; fi
done
for device in null zero random urandom; do : > "$R/dev/$device"; mount --bind "/dev/$device" "$R/dev/$device"; done
mount -t proc -o nosuid,nodev,noexec proc "$R/proc"
mount -t tmpfs -o "size=\${TMPMB}m,mode=1777,nosuid,nodev" flashlab-tmp "$R/tmp"
# After the private /tmp: a project that lives under /tmp gets its mount points inside it, not under it.
mkdir -p "$R$PROJECT/dist" "$R$PROJECT/node_modules"
bind_ro "$PROJECT/dist"
bind_ro "$PROJECT/node_modules"
: > "$R$PROJECT/package.json"; bind_ro "$PROJECT/package.json"
case "$NODE" in
  "$PROJECT"/node_modules/*|/usr/*) ;;
  *) mkdir -p "$R$(dirname "$NODE")"; : > "$R$NODE"; bind_ro "$NODE" ;;
esac
mount -o remount,ro "$R"
cd "$R"
# Not exec: this shell stays the namespace's init, so that the submission is an ordinary process that
# its own signals can end (init ignores them), and the shell exits with its status (128 + signal).
chroot "$R" "$@"
`;

export interface ChildCommandOptions {
  projectRoot: string;
  node: string;
  runner: string;
  memoryMB: number;
  cpuSeconds: number;
}

export interface ChildCommand {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** A folder the grader removes after the child has ended. */
  scratch: string;
  /** Kill the process group (uid, none) rather than the process (namespaces: its unshare kills the rest). */
  killGroup: boolean;
}

/**
 * How a submission child ended, as the grader tells the student. Under "namespaces" the child runs below
 * a shell that reports a signal as exit code 128 + its number; this turns that back into the signal.
 */
export function childExit(level: SandboxLevel, code: number | null, signal: string | null): { code: number | null; signal: string | null } {
  if (level !== "namespaces" || signal !== null || code === null || code <= 128) return { code, signal };
  const name = Object.entries(osConstants.signals).find(([, number]) => number === code - 128)?.[0];
  return name === undefined ? { code, signal } : { code: null, signal: name };
}

/** The command that starts one submission child under `level`. */
export function childCommand(level: SandboxLevel, options: ChildCommandOptions): ChildCommand {
  const scratch = mkdtempSync(join(tmpdir(), "flashlab-grade-"));
  const nodeCommand = [options.node, `--max-old-space-size=${options.memoryMB}`, "--disable-warning=ExperimentalWarning", options.runner];
  const limits = (withProcesses: boolean) => [
    tool("prlimit")!,
    `--as=${addressSpaceBytes}`,
    `--cpu=${Math.ceil(options.cpuSeconds)}`,
    "--nofile=1024",
    `--fsize=${maxFileBytes}`,
    "--core=0",
    ...(withProcesses ? ["--nproc=512"] : []),
    "--",
  ];
  const dropToNobody = [tool("setpriv") ?? "setpriv", `--reuid=${nobody}`, `--regid=${nobody}`, "--clear-groups", "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--"];
  if (level === "namespaces") {
    const inside = [...dropToNobody, ...limits(true), "/usr/bin/env", "-i", "PATH=/usr/bin:/bin", "HOME=/tmp", "TMPDIR=/tmp", "LANG=C.UTF-8", ...nodeCommand];
    return {
      command: tool("unshare")!,
      args: ["--mount", "--pid", "--fork", "--kill-child", "--", "/bin/sh", "-c", buildRootScript, "flashlab-sandbox", scratch, options.projectRoot, options.node, String(privateTmpMB), ...inside],
      cwd: "/",
      env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" },
      scratch,
      killGroup: false,
    };
  }
  const env = { PATH: "/usr/bin:/bin", HOME: scratch, TMPDIR: scratch, LANG: "C.UTF-8" };
  if (level === "uid") {
    chownSync(scratch, nobody, nobody);
    return { command: dropToNobody[0]!, args: [...dropToNobody.slice(1), ...limits(true), ...nodeCommand], cwd: scratch, env, scratch, killGroup: true };
  }
  const prlimit = tool("prlimit");
  if (prlimit === undefined) return { command: nodeCommand[0]!, args: nodeCommand.slice(1), cwd: scratch, env, scratch, killGroup: true };
  const withLimits = limits(false);
  return { command: withLimits[0]!, args: [...withLimits.slice(1), ...nodeCommand], cwd: scratch, env, scratch, killGroup: true };
}
