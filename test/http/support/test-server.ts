/**
 * Pipeline servers over a fresh test docroot: one for a whole test file (`useDocrootServer`), or the
 * ones each test starts (`useServersPerTest`); closed, and the docroot removed, when done.
 */
import { afterAll, afterEach, beforeAll } from "vitest";
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

/** A test docroot for the whole file, and the servers each test starts, closed after that test. */
export interface ServersPerTest {
  /** Filled in by `beforeAll`; read it inside tests only. */
  readonly root: TestDocroot;
  /** Starts a pipeline server over the docroot; it is closed (500 ms grace) after the test. */
  start(options?: Omit<PipelineOptions, "docroot">): Promise<PipelineServer>;
}

/** Registers the hooks of `ServersPerTest`. */
export function useServersPerTest(): ServersPerTest {
  let root: TestDocroot | undefined;
  const started: PipelineServer[] = [];
  beforeAll(() => {
    root = makeTestDocroot();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close(500)));
  });
  afterAll(() => root?.remove());
  return {
    get root() {
      if (root === undefined) throw new Error("the test docroot exists only inside tests");
      return root;
    },
    async start(options = {}) {
      const server = await startPipelineServer({ docroot: this.root.docroot, ...options });
      started.push(server);
      return server;
    },
  };
}
