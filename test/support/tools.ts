/**
 * Test helpers for external tools (curl, ab, wrk, nginx, chromium). On a developer's machine a
 * missing tool skips the test with a message; under CI (CI=true) it fails, because .ci/run installs
 * every tool the tests need.
 */
import { execFileSync } from "node:child_process";

const onCI = process.env.CI === "true" || process.env.CI === "1";

/** The absolute path of `name` on PATH (or in /usr/sbin), or undefined. */
export function findTool(name: string): string | undefined {
  for (const candidate of [name, `/usr/sbin/${name}`]) {
    try {
      const path = execFileSync("sh", ["-c", `command -v ${candidate}`], { encoding: "utf8" }).trim();
      if (path) return path;
    } catch {
      // not found under this name
    }
  }
  return undefined;
}

/**
 * True when every tool is present. When one is missing: under CI this throws (the test fails);
 * elsewhere it warns once and returns false, so the caller can skip (`it.skipIf(!haveTools(...))`).
 */
export function haveTools(...names: string[]): boolean {
  const missing = names.filter((name) => findTool(name) === undefined);
  if (missing.length === 0) return true;
  return peerMissing(`missing tools: ${missing.join(", ")} (bash scripts/install-peers.sh installs them)`);
}

/** The same rule for a peer that is not a command (a Python module, a compiler that must also work). */
export function havePeer(found: { missing: string } | object): boolean {
  return "missing" in found ? peerMissing(`${found.missing} (bash scripts/install-peers.sh installs it)`) : true;
}

function peerMissing(message: string): false {
  if (onCI) throw new Error(message);
  console.warn(`skipping: ${message}`);
  return false;
}
