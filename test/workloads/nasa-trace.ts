/**
 * Where the NASA 1995 trace excerpt lives: `../shared/traces` beside the project root (CI checks
 * `shared/` out beside the clone). Missing under CI fails the test; missing locally skips it with a message.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { projectRoot } from "../../lib/runtime/paths.js";

export const nasaTracePath = resolve(projectRoot, "../shared/traces/NASA_access_log_Aug95_excerpt");

const onCI = process.env.CI === "true" || process.env.CI === "1";

/** True when the excerpt is present; throws under CI when it is not; warns and returns false locally. */
export function haveNasaTrace(): boolean {
  if (existsSync(nasaTracePath)) return true;
  const message = `the NASA trace excerpt is missing at ${nasaTracePath} (../shared/traces beside the project)`;
  if (onCI) throw new Error(message);
  console.warn(`skipping: ${message}`);
  return false;
}

/** The crafted log of real-log quirks under test/fixtures/traces. */
export const quirksTracePath = resolve(projectRoot, "test/fixtures/traces/quirks.access_log");
