/**
 * A sweep's workload folders on the server host. Each is looked for there under the same name as here
 * (workloads.ts names a folder by a hash of its recipe), in that host's workload cache
 * ($FLASHLAB_WORKLOAD_CACHE, else $TMPDIR or /tmp, then flashlab-experiment-workloads); a host that
 * lacks it gets a copy of this host's folder, sent as a tar stream over SSH, unpacked beside its final
 * name and renamed into place, so a half-copied folder is never served.
 */
import { spawn } from "node:child_process";
import { basename, join } from "node:path";
import { shellQuote } from "../../runtime/shell-quote.js";
import { runOverSsh, type SshTarget } from "../../runtime/ssh.js";
import type { PreparedWorkload } from "./workloads.js";

/** The shell words that name the workload folder `name` on the server host. */
function remoteFolder(name: string): string {
  return `"\${FLASHLAB_WORKLOAD_CACHE:-\${TMPDIR:-/tmp}/flashlab-experiment-workloads}"/${shellQuote(name)}`;
}

/** Makes `workload` present on the server host (copying it when it is not) and returns its docroot's path there. */
export async function ensureRemoteWorkload(target: SshTarget, workload: PreparedWorkload, signal: AbortSignal, log: (line: string) => void): Promise<{ docroot: string; copied: boolean }> {
  const name = basename(workload.folder);
  const docrootName = workload.manifest.docroot;
  const check = `d=${remoteFolder(name)}; if [ -f "$d/manifest.json" ]; then echo "present $d"; else echo "absent $d"; fi`;
  const answer = (await runOverSsh(target, `sh -c ${shellQuote(check)}`, { timeoutMs: 60_000, signal })).trim().split("\n").at(-1) ?? "";
  const match = /^(present|absent) (\/.*)$/.exec(answer);
  if (!match) throw new Error(`could not find the workload cache on ${target.host} (it answered ${JSON.stringify(answer)})`);
  const folder = match[2]!;
  if (match[1] === "present") return { docroot: join(folder, docrootName), copied: false };
  log(`copying the workload ${name} (${(workload.manifest.stats.totalBytes / 1024 / 1024).toFixed(1)} MB) to ${target.host}`);
  const unpack = [
    "set -e",
    `d=${remoteFolder(name)}`,
    'mkdir -p "$(dirname "$d")"',
    't="$d.incoming-$$"',
    'rm -rf "$t"; mkdir "$t"',
    'tar -C "$t" -xf -',
    'if [ -f "$d/manifest.json" ]; then rm -rf "$t"; else rm -rf "$d"; mv "$t" "$d"; fi',
  ].join("\n");
  const tar = spawn("tar", ["-C", workload.folder, "-cf", "-", "."], { stdio: ["ignore", "pipe", "pipe"] });
  let tarError = "";
  tar.stderr.setEncoding("utf8").on("data", (chunk: string) => (tarError += chunk));
  const tarDone = new Promise<number | null>((resolve) => tar.once("close", resolve));
  await runOverSsh(target, `sh -c ${shellQuote(unpack)}`, { input: tar.stdout, timeoutMs: 600_000, signal });
  const tarCode = await tarDone;
  if (tarCode !== 0) throw new Error(`tar could not pack ${workload.folder}: ${tarError.trim() || `exit ${tarCode}`}`);
  return { docroot: join(folder, docrootName), copied: true };
}
