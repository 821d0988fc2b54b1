/**
 * The executors a spec can name (`"executor"` in the spec; "server-load" by default). A new kind of
 * point (the simulator's models, for example) is added here.
 */
import { serverLoadExecutor } from "../server-load/executor.js";
import type { PointExecutor } from "./executor.js";

export const executors: Readonly<Record<string, PointExecutor>> = {
  [serverLoadExecutor.name]: serverLoadExecutor,
};
