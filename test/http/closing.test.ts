// How a connection closes after its last response: at once when the client had sent nothing more and
// the response was small (as nginx does; nothing to read and discard), lingering otherwise, reading and
// discarding what the client still sends so that the close never becomes a reset.
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startPipelineServer } from "../../lib/http/index.js";
import { rawRequest } from "../../lib/loadgen/index.js";
import { waitFor } from "../support/wait.js";
import { makeTestDocroot, type TestDocroot } from "./support/docroot.js";

let root: TestDocroot;
beforeAll(() => {
  root = makeTestDocroot();
});
afterAll(() => root?.remove());

/** The closing linger is 2 s: a socket gone well before that was closed at once. */
const wellBeforeLingerMs = 1000;

/** A client that keeps its own side open after the server's FIN (it sends no FIN of its own). */
async function halfOpenClient(port: number): Promise<{ socket: Socket; ended: Promise<void>; error: () => string | undefined }> {
  const socket = connect({ host: "127.0.0.1", port, allowHalfOpen: true });
  let error: string | undefined;
  socket.on("error", (failure) => (error = failure.message));
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.resume();
  return { socket, ended: new Promise((resolve) => socket.once("end", resolve)), error: () => error };
}

it("closes at once after a small Connection: close response when the client sent nothing more", async () => {
  const server = await startPipelineServer({ docroot: root.docroot });
  const client = await halfOpenClient(server.port);
  try {
    client.socket.write(rawRequest("/hello.txt", { headers: { Connection: "close" } }));
    await client.ended;
    // The client keeps its side open and sends nothing: the server's socket is gone all the same.
    await waitFor("the server to close its socket", () => server.pipeline.openConnections === 0, wellBeforeLingerMs, 5);
    expect(client.error()).toBeUndefined();
  } finally {
    client.socket.destroy();
    await server.close(0);
  }
});

it("lingers, reading and discarding, when the client sent more than it was answered", async () => {
  const server = await startPipelineServer({ docroot: root.docroot });
  const client = await halfOpenClient(server.port);
  try {
    // A request that asks to close, with another pipelined behind it in the same write.
    client.socket.write(rawRequest("/hello.txt", { headers: { Connection: "close" } }) + rawRequest("/hello.txt"));
    await client.ended;
    // The server still holds the socket: closing it with unread bytes would reset the connection.
    expect(server.pipeline.openConnections).toBe(1);
    client.socket.end();
    await waitFor("the server to close its socket once the client did", () => server.pipeline.openConnections === 0, 5_000, 5);
    expect(client.error()).toBeUndefined();
  } finally {
    client.socket.destroy();
    await server.close(0);
  }
});
