// The connection cap of an event-loop server: connections over it wait, unread, until a slot frees.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawHttpConnection, rawRequest } from "../../lib/loadgen/index.js";
import { startServer } from "../../lib/servers/index.js";
import { waitUntil } from "../support/wait.js";
import { makeTestDocroot, portOf, ServerList, type TestDocroot } from "./support.js";

describe.each(["sped", "amped"] as const)("%s with --max-connections 1", (arch) => {
  let docroot: TestDocroot;
  const servers = new ServerList();
  beforeAll(() => void (docroot = makeTestDocroot([1024])));
  afterAll(async () => {
    await servers.stopAll();
    docroot.remove();
  });

  it("holds a second connection unanswered until the first lets its slot go", async () => {
    const server = servers.add(await startServer({ arch, docroot: docroot.directory, maxConnections: 1 }));
    const path = docroot.files[0]!.path;
    const first = await RawHttpConnection.open(portOf(server));
    const second = await RawHttpConnection.open(portOf(server));
    try {
      const request = rawRequest(path);
      first.send(request.slice(0, 10)); // the first holds the only slot, mid-request
      await waitUntil(() => server.stats(), (stats) => stats.connections.open === 1, 10_000, 20);
      second.send(request);
      // The counter that proves the claim: the second connection waits in the queue, unserved.
      const waiting = await waitUntil(() => server.stats(), (stats) => stats.connections.queued === 1, 10_000, 20);
      expect(waiting.requests).toBe(0);
      expect(second.responses).toHaveLength(0);

      first.send(request.slice(10));
      const [firstResponse] = await first.waitForResponses(1);
      expect(firstResponse?.status).toBe(200);
      // Others are waiting, so the keep-alive connection gives its slot up after this response.
      expect(firstResponse?.headers["connection"]).toBe("close");
      const [secondResponse] = await second.waitForResponses(1);
      expect(secondResponse?.status).toBe(200);
      expect(secondResponse?.body.length).toBe(1024);
    } finally {
      first.destroy();
      second.destroy();
    }
  });

  it("rejects a cap that is not a whole number ≥ 1", async () => {
    await expect(startServer({ arch, docroot: docroot.directory, maxConnections: 0 })).rejects.toThrow(/maxConnections must be a whole number from 1/);
  });
});
