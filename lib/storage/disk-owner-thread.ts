/**
 * The simulated disk's owner loop, run in a dedicated worker thread of the server's top process. It holds
 * the one buffer-cache state and answers every context's requests, read from the shared request FIFO,
 * through the asker's own reply FIFO. It lives on its own thread and event loop, so it keeps answering
 * while the top process's main thread is blocked (SPED in a miss). It never blocks: it reads the request
 * FIFO through a non-blocking pipe handle (so the process can exit around it) and writes tiny replies to
 * non-blocking reply FIFOs; a client whose FIFO is gone or full is dropped. Should it fail, it closes
 * every reply FIFO first, so that blocked clients see EOF rather than wait forever.
 */
import { constants, openSync, writeSync } from "node:fs";
import { Socket } from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import { BufferCacheModel } from "./buffer-cache-model.js";
import { type DiskRequest, decodeRequest, LineSplitter } from "./disk-protocol.js";
import {
  type DiskOwnerThreadData,
  type DiskOwnerThreadMessage,
  ownerState,
  ownerStatsFields,
} from "./owner-thread-contract.js";
import { closeQuietly } from "./quiet-fs.js";

function runOwner(data: DiskOwnerThreadData): void {
  const model = new BufferCacheModel(data.params);
  const sharedStats = new Float64Array(data.statsBuffer);
  const replyFds = new Map<string, number>();
  const splitter = new LineSplitter();
  const post = (message: DiskOwnerThreadMessage): void => parentPort?.postMessage(message);

  let state: number = ownerState.starting;
  const publishStats = (): void => {
    const current = { ...model.stats(), clients: replyFds.size, state };
    ownerStatsFields.forEach((field, index) => (sharedStats[index] = current[field]));
  };
  const dropClient = (client: string): void => {
    const fd = replyFds.get(client);
    if (fd === undefined) return;
    replyFds.delete(client);
    closeQuietly(fd);
    post({ closed: fd });
  };
  const reply = (client: string, line: string): void => {
    const fd = replyFds.get(client);
    if (fd === undefined) return;
    try {
      writeSync(fd, line);
    } catch {
      dropClient(client); // EPIPE (the client is gone) or EAGAIN (it stopped reading)
    }
  };
  const handle = (request: DiskRequest): void => {
    switch (request.type) {
      case "hello":
        try {
          // The client holds its FIFO open for reading, so this non-blocking open succeeds at once.
          const fd = openSync(request.replyFifo, constants.O_WRONLY | constants.O_NONBLOCK);
          replyFds.set(request.client, fd);
          post({ opened: fd });
          reply(request.client, "K\n");
        } catch {
          // The client gave up before we answered; nothing to do.
        }
        break;
      case "lookup": {
        const { outcome, waitMs } = model.lookup(request.key, request.size, performance.now());
        reply(request.client, `${outcome[0]} ${waitMs}\n`);
        break;
      }
      case "resident":
        reply(request.client, model.isResident(request.key, request.size, performance.now()) ? "r 1\n" : "r 0\n");
        break;
      case "bye":
        dropClient(request.client);
        break;
    }
  };

  const requests = new Socket({ fd: data.requestFd, readable: true, writable: false });
  requests.setEncoding("latin1");
  requests.on("data", (chunk: string) => {
    for (const line of splitter.push(chunk)) {
      const request = decodeRequest(line);
      if (request) handle(request);
    }
    publishStats();
  });
  requests.on("error", () => undefined); // a broken request pipe is not fatal: clients then see EPIPE

  const stop = (): void => {
    for (const client of [...replyFds.keys()]) dropClient(client);
    state = ownerState.stopped;
    publishStats();
    requests.destroy();
  };
  process.on("uncaughtException", (error) => {
    stop();
    throw error;
  });
  parentPort?.on("message", (message: unknown) => {
    if (message !== "close") return;
    stop();
    parentPort?.close();
  });
  state = ownerState.listening;
  publishStats();
}

runOwner(workerData as DiskOwnerThreadData);
