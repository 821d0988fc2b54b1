/**
 * One pipeline server over a fresh test docroot for a whole test file: started before the tests,
 * closed and removed after them.
 */
import { afterAll, beforeAll } from "vitest";
import { startPipelineServer, type PipelineOptions, type PipelineServer } from "../../../lib/http/index.js";
import { makeTestDocroot, type TestDocroot } from "./docroot.js";

/** Filled in by `beforeAll`; read it inside tests only. */
export interface DocrootServer {
  root: TestDocroot;
  server: PipelineServer;
}

/** Registers beforeAll/afterAll hooks that run a pipeline server (with `options`) over a test docroot. */
export function useDocrootServer(options: Omit<PipelineOptions, "docroot"> = {}): DocrootServer {
  const context = {} as DocrootServer;
  beforeAll(async () => {
    context.root = makeTestDocroot();
    context.server = await startPipelineServer({ docroot: context.root.docroot, ...options });
  });
  afterAll(async () => {
    await context.server?.close();
    context.root?.remove();
  });
  return context;
}
