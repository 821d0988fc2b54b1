/**
 * The messages between the assignment harness's event loop and its helper processes (one pipe each,
 * Node's IPC channel): a read job and its completion, as one typed union per direction.
 */

/** Loop → helper. */
export interface HelperJob {
  type: "read";
  id: number;
  path: string;
  offset: number;
  length: number;
}

/** Helper → loop. */
export type HelperReply = { type: "ready" } | { type: "done"; id: number; error?: string };

/** Checks a message from a helper. */
export function isHelperReply(message: unknown): message is HelperReply {
  const candidate = message as Partial<HelperReply> | null;
  if (candidate === null || typeof candidate !== "object") return false;
  if (candidate.type === "ready") return true;
  return candidate.type === "done" && Number.isSafeInteger((candidate as { id?: unknown }).id);
}

/** Checks a message from the loop. */
export function isHelperJob(message: unknown): message is HelperJob {
  const candidate = message as Partial<HelperJob> | null;
  return candidate !== null && typeof candidate === "object" && candidate.type === "read" && typeof candidate.path === "string" && Number.isSafeInteger(candidate.offset) && Number.isSafeInteger(candidate.length) && Number.isSafeInteger(candidate.id);
}
