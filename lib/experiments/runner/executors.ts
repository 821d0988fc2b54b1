/**
 * The executors a spec can name (`"executor"` in the spec; "server-load" by default). A new kind of
 * point is added here; "sim-server" runs lib/sim's architecture models on the same settings.
 */
import { serverLoadExecutor } from "../server-load/executor.js";
import { simServerExecutor } from "../sim-server/executor.js";
import type { PointExecutor } from "./executor.js";

export const executors: Readonly<Record<string, PointExecutor>> = {
  [serverLoadExecutor.name]: serverLoadExecutor,
  [simServerExecutor.name]: simServerExecutor,
};
