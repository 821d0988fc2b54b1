/**
 * One typed message channel between two execution contexts, whatever they are: a parent and a forked
 * child process (Node's IPC pipe, which can also carry a socket), or a thread and a worker thread
 * (postMessage). `Send` and `Receive` are the message unions of messages.ts. On top of it, `ask` /
 * `answer` give a request–reply protocol with ids and a timeout, whose reply types follow from the
 * request's kind.
 */
import type { ChildProcess } from "node:child_process";
import type { Socket } from "node:net";
import type { MessagePort, Worker } from "node:worker_threads";
import type { ReplyEnvelope, RequestEnvelope } from "./messages.js";

export interface Channel<Send, Receive> {
  /**
   * Sends a message (with a socket, over a process's IPC pipe). Returns false when the other side is
   * gone; `onFailed` runs if a send that started fails later. The sender keeps its own copy of a sent
   * socket open: it closes it once the receiver confirms (or dies), so a connection caught in the pipe
   * when a receiver dies is closed, never leaked.
   */
  post(message: Send, socket?: Socket, onFailed?: () => void): boolean;
  onMessage(listener: (message: Receive, socket?: Socket) => void): void;
}

/** The parent's side of a forked child's IPC pipe. */
export function childProcessChannel<Send, Receive>(child: ChildProcess): Channel<Send, Receive> {
  return {
    post(message, socket, onFailed) {
      if (!child.connected) return false;
      const done = (error: Error | null): void => {
        if (error) onFailed?.();
      };
      try {
        if (socket) child.send(message as object, socket, { keepOpen: true }, done);
        else child.send(message as object, done);
        return true;
      } catch {
        return false; // the child died between the check and the send; its exit handler deals with it
      }
    },
    onMessage(listener) {
      child.on("message", (message, handle) => listener(message as Receive, handle as Socket | undefined));
    },
  };
}

/** A forked child's side of its IPC pipe to the parent. */
export function parentProcessChannel<Send, Receive>(): Channel<Send, Receive> {
  const send = process.send?.bind(process);
  if (!send) throw new Error("flashlab: this module must run as a forked child process");
  return {
    post(message) {
      if (!process.connected) return false;
      send(message);
      return true;
    },
    onMessage(listener) {
      process.on("message", (message, handle) => listener(message as Receive, handle as Socket | undefined));
    },
  };
}

/** Either side of a worker thread's message port. */
export function threadChannel<Send, Receive>(port: Worker | MessagePort): Channel<Send, Receive> {
  return {
    post(message) {
      port.postMessage(message);
      return true;
    },
    onMessage(listener) {
      port.on("message", (message: Receive) => listener(message));
    },
  };
}

type Kinded = { kind: string };
type ReplyHandlers<Request extends Kinded, Replies extends Record<Request["kind"], unknown>> = {
  [Kind in Request["kind"]]?: (request: Extract<Request, { kind: Kind }>) => Replies[Kind] | Promise<Replies[Kind]>;
};

let nextRequestId = 1;
const pendingReplies = new WeakMap<object, Map<number, (reply: ReplyEnvelope) => void>>();

function repliesOf(channel: Channel<unknown, unknown>): Map<number, (reply: ReplyEnvelope) => void> {
  let replies = pendingReplies.get(channel);
  if (!replies) {
    const created = new Map<number, (reply: ReplyEnvelope) => void>();
    channel.onMessage((message) => {
      if (!isReply(message)) return;
      const resolve = created.get(message.requestId);
      if (resolve) {
        created.delete(message.requestId);
        resolve(message);
      }
    });
    pendingReplies.set(channel, created);
    replies = created;
  }
  return replies;
}

function isReply(message: unknown): message is ReplyEnvelope {
  return typeof message === "object" && message !== null && (message as { type?: unknown }).type === "reply";
}

/**
 * Sends `request` and resolves to the other side's reply body, or to undefined after `timeoutMs` or when
 * the other side answered with an error (a dead or stuck context must not hang the caller).
 */
export function ask<Request extends Kinded, Replies extends Record<Request["kind"], unknown>, Kind extends Request["kind"]>(
  channel: Channel<RequestEnvelope<Request>, unknown>,
  request: Extract<Request, { kind: Kind }>,
  timeoutMs: number,
): Promise<Replies[Kind] | undefined> {
  const replies = repliesOf(channel as Channel<unknown, unknown>);
  const requestId = nextRequestId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      replies.delete(requestId);
      resolve(undefined);
    }, timeoutMs);
    replies.set(requestId, (reply) => {
      clearTimeout(timer);
      // The other side built the body with the handler for this kind (see `answer`).
      resolve(reply.error === undefined ? (reply.body as Replies[Kind]) : undefined);
    });
    if (!channel.post({ type: "request", requestId, request })) {
      clearTimeout(timer);
      replies.delete(requestId);
      resolve(undefined);
    }
  });
}

/** Answers the requests on `channel` that `handlers` know, with what the handler returns. */
export function answer<Request extends Kinded, Replies extends Record<Request["kind"], unknown>>(
  channel: Channel<ReplyEnvelope, unknown>,
  handlers: ReplyHandlers<Request, Replies>,
): void {
  channel.onMessage((message) => {
    if (!isRequest<Request>(message)) return;
    const { requestId, request } = message;
    const handler = handlers[request.kind as Request["kind"]] as ((request: Request) => unknown) | undefined;
    if (!handler) return;
    Promise.resolve()
      .then(() => handler(request))
      .then(
        (body) => channel.post({ type: "reply", requestId, body }),
        (error: unknown) => channel.post({ type: "reply", requestId, error: error instanceof Error ? error.message : String(error) }),
      );
  });
}

function isRequest<Request>(message: unknown): message is RequestEnvelope<Request> {
  return typeof message === "object" && message !== null && (message as { type?: unknown }).type === "request";
}
