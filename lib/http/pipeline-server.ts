/**
 * The smallest server around a pipeline: one `net` listener in this thread handing every accepted
 * socket to one pipeline. It is what the pipeline's tests run against; with a synchronous file source
 * it is a SPED server.
 */
import { createServer, type Server } from "node:net";
import { createPipeline, type PipelineOptions, type RequestPipeline } from "./pipeline.js";

/** Options for net.createServer that the pipeline expects: it decides itself when to end a half-closed socket. */
export const pipelineSocketOptions = { allowHalfOpen: true, noDelay: true } as const;

/** Where to listen. */
export interface ListenOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
}

/** A listening single-pipeline server. */
export interface PipelineServer {
  /** "http://127.0.0.1:PORT" */
  readonly url: string;
  readonly port: number;
  readonly pipeline: RequestPipeline;
  readonly server: Server;
  /** Stops accepting, lets requests in progress finish (up to `graceMs`), then resolves. */
  close(graceMs?: number): Promise<void>;
}

/** Starts a listener whose every connection is served by one pipeline; resolves once listening. */
export async function startPipelineServer(options: PipelineOptions & ListenOptions): Promise<PipelineServer> {
  const pipeline = createPipeline(options);
  const server = createServer(pipelineSocketOptions, (socket) => pipeline.serveConnection(socket));
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    pipeline,
    server,
    async close(graceMs = 2_000) {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await pipeline.close(graceMs);
      await stopped;
    },
  };
}
