/**
 * One message channel between two execution contexts, whatever they are: a parent and a forked
 * child process (Node's IPC pipe, which can also carry a socket), or a thread and a worker thread
 * (postMessage). On top of it, `request` / `answerRequests` give a small request–reply protocol
 * with ids and a timeout, used for stats and for stop.
 */
import type { ChildProcess } from "node:child_process";
import type { Socket } from "node:net";
import type { MessagePort, Worker } from "node:worker_threads";

export interface Message {
  type: string;
  [key: string]: unknown;
}

export interface Channel {
  /**
   * Sends a message (with a socket, over a process's IPC pipe). Returns false when the other side is
   * gone; `onFailed` runs if a send that started fails later. The sender keeps its own copy of a sent
   * socket open: it closes it once the receiver confirms (or dies), so a connection caught in the pipe
   * when a receiver dies is closed, never leaked.
   */
  post(message: Message, socket?: Socket, onFailed?: () => void): boolean;
  onMessage(listener: (message: Message, socket?: Socket) => void): void;
}

/** The parent's side of a forked child's IPC pipe. */
export function childProcessChannel(child: ChildProcess): Channel {
  return {
    post(message, socket, onFailed) {
      if (!child.connected) return false;
      try {
        const done = (error: Error | null): void => {
          if (error) onFailed?.();
        };
        return socket ? child.send(message, socket, { keepOpen: true }, done) || true : child.send(message, done) || true;
      } catch {
        return false; // the child died between the check and the send; its exit handler deals with it
      }
    },
    onMessage(listener) {
      child.on("message", (message, handle) => listener(message as Message, handle as Socket | undefined));
    },
  };
}

/** A forked child's side of its IPC pipe to the parent. */
export function parentProcessChannel(): Channel {
  if (!process.send) throw new Error("flashlab: this module must run as a forked child process");
  return {
    post(message) {
      if (!process.connected) return false;
      process.send!(message);
      return true;
    },
    onMessage(listener) {
      process.on("message", (message, handle) => listener(message as Message, handle as Socket | undefined));
    },
  };
}

/** Either side of a worker thread's message port. */
export function threadChannel(port: Worker | MessagePort): Channel {
  return {
    post(message) {
      port.postMessage(message);
      return true;
    },
    onMessage(listener) {
      port.on("message", (message: Message) => listener(message));
    },
  };
}

let nextRequestId = 1;
const pending = new WeakMap<Channel, Map<number, (reply: Message) => void>>();

function repliesOf(channel: Channel): Map<number, (reply: Message) => void> {
  let replies = pending.get(channel);
  if (!replies) {
    const created = new Map<number, (reply: Message) => void>();
    channel.onMessage((message) => {
      if (message.type !== "reply") return;
      const resolve = created.get(message.requestId as number);
      if (resolve) {
        created.delete(message.requestId as number);
        resolve(message);
      }
    });
    pending.set(channel, created);
    replies = created;
  }
  return replies;
}

/**
 * Sends `message` and resolves to the other side's reply body, or to undefined after `timeoutMs`
 * (a dead or stuck context must not hang the caller).
 */
export function request<T>(channel: Channel, message: Message, timeoutMs = 2000): Promise<T | undefined> {
  const replies = repliesOf(channel);
  const requestId = nextRequestId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      replies.delete(requestId);
      resolve(undefined);
    }, timeoutMs);
    replies.set(requestId, (reply) => {
      clearTimeout(timer);
      resolve(reply.body as T);
    });
    channel.post({ ...message, requestId });
  });
}

/** Answers requests of the given types on `channel` with what the handler returns. */
export function answerRequests(
  channel: Channel,
  handlers: Record<string, (message: Message) => unknown | Promise<unknown>>,
): void {
  channel.onMessage((message) => {
    const handler = handlers[message.type];
    if (!handler || typeof message.requestId !== "number") return;
    Promise.resolve()
      .then(() => handler(message))
      .then(
        (body) => channel.post({ type: "reply", requestId: message.requestId, body }),
        (error: unknown) =>
          channel.post({ type: "reply", requestId: message.requestId, body: undefined, error: String(error) }),
      );
  });
}
