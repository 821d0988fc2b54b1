/**
 * SPED with asynchronous reads (an io_uring-like kernel interface; not among lib/servers' real
 * architectures): one process, one event loop, no helpers. A miss is submitted and the loop goes on;
 * its completion comes back to the loop like any other event. See chunk-sources.ts for what it costs.
 */
import { asyncChunkSource } from "../chunk-sources.js";
import { singleLoopModel, spedModel } from "./sped.js";

export const spedAsyncModel = singleLoopModel(
  {
    ...spedModel,
    name: "sped-async",
    summary: "one event loop with asynchronous (io_uring-like) reads: a miss blocks nobody, and no helpers are needed",
  },
  (model) => asyncChunkSource(model.disk, model.costs),
);
