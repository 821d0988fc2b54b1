/**
 * MT after a slowloris attack: while every thread is held by a client trickling a request head, more
 * clients connect and leave without sending (they wait in the threads' queues). Once the attack ends,
 * the server serves at once: a client that left while queued costs nothing, instead of holding a thread
 * for the 10 s header timeout when its turn comes.
 */
import { connect, type Socket } from "node:net";
import { afterAll, expect, it } from "vitest";
import { startServer } from "../../lib/servers/start-server.js";
import { waitFor } from "../support/wait.js";
import { makeTestDocroot, portOf, ServerList, timedGet } from "./support.js";

const docroot = makeTestDocroot([1024]);
const servers = new ServerList();
afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
});

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.on("error", () => undefined);
    socket.once("connect", () => resolve(socket));
    socket.once("error", reject);
  });
}

it("mt: clients that left while queued behind a slowloris do not delay the requests after it", async () => {
  const server = servers.add(await startServer({ arch: "mt", docroot: docroot.directory, workers: 2 }));
  const port = portOf(server);
  const holders = await Promise.all(Array.from({ length: 6 }, () => open(port)));
  for (const holder of holders) holder.write("GET /1k-0.bin HTTP/1.1\r\n"); // never finished
  const leavers = await Promise.all(Array.from({ length: 30 }, () => open(port)));
  for (const leaver of leavers) leaver.end();
  await waitFor("the server to have accepted them all", async () => (await server.stats()).connections.accepted >= 36, 10_000);
  for (const holder of holders) holder.destroy(); // the attack ends
  for (let request = 0; request < 4; request++) {
    const result = await timedGet(port, "/1k-0.bin", 20_000);
    expect(result.response?.status).toBe(200);
    expect(result.ms).toBeLessThan(4_000); // the header timeout is 10 s
  }
  for (const leaver of leavers) leaver.destroy();
});
