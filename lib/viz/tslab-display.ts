/**
 * The one place that touches tslab's internals: sending a multi-mimetype display bundle from a
 * notebook cell.
 *
 * tslab's public `display` API sends one mimetype per output. Its module `tslab/dist/jupyter`
 * keeps, in the exported variable `lastWriteDisplayData`, the function that sends a display_data
 * message for the cell being executed; it is set when the kernel executes a cell. That is the
 * undocumented hook used here (tslab 1.0.x).
 *
 * The module is looked up among the modules this process has already loaded, never loaded here:
 * inside a tslab kernel it is always loaded (whichever tslab installation runs the kernel), and
 * outside one (a script, a test, the CLI) it is absent, so `sendDisplayBundle` returns false.
 */
import { createRequire } from "node:module";
import type { DisplayBundle } from "./display-bundle.js";

/** tslab's display message content: mimetype data, metadata and the transient display id. */
interface TslabDisplayData {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

type WriteDisplayData = (message: TslabDisplayData, update: boolean) => void;

interface TslabJupyterModule {
  lastWriteDisplayData?: WriteDisplayData | null;
}

const moduleCache = createRequire(import.meta.url).cache;
const tslabJupyterFile = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;
let found: TslabJupyterModule | undefined;

function loadedTslabJupyter(): TslabJupyterModule | undefined {
  if (found) return found;
  for (const [file, entry] of Object.entries(moduleCache)) {
    if (entry && tslabJupyterFile.test(file)) {
      found = entry.exports as TslabJupyterModule;
      return found;
    }
  }
  return undefined;
}

function currentWriter(): WriteDisplayData | undefined {
  const writer = loadedTslabJupyter()?.lastWriteDisplayData;
  return typeof writer === "function" ? writer : undefined;
}

/** True when this code runs inside a tslab kernel that is executing a cell (so displays reach the notebook). */
export function inTslabKernel(): boolean {
  return currentWriter() !== undefined;
}

/**
 * Sends `bundle` as one display_data output of the current cell. Returns false, sending nothing,
 * when not running inside a tslab kernel.
 */
export function sendDisplayBundle(bundle: DisplayBundle): boolean {
  const write = currentWriter();
  if (!write) return false;
  write({ data: { ...bundle.data }, metadata: { ...bundle.metadata }, transient: {} }, false);
  return true;
}

/** Forgets the tslab module found earlier (for tests that install a stand-in module). */
export function forgetTslabModule(): void {
  found = undefined;
}
