/**
 * A small client of a Jupyter server's kernels, as a browser's notebook page uses them: open a session
 * for a notebook (REST; its kernel starts in the notebook's folder), execute code on the kernel over its
 * websocket (the JSON form of the messaging protocol, v5) and collect each cell's outputs in nbformat's
 * shape, then end the session, which shuts the kernel down. For
 * tests that run a notebook through a server someone else started (a JupyterHub user's), where
 * nbconvert would run the kernel itself instead.
 */
import { randomUUID } from "node:crypto";

export interface NotebookOutput {
  output_type: "stream" | "display_data" | "execute_result" | "error";
  [field: string]: unknown;
}

export interface CellResult {
  status: "ok" | "error" | "aborted";
  outputs: NotebookOutput[];
}

interface Message {
  header: { msg_id: string; msg_type: string };
  parent_header: { msg_id?: string };
  content: Record<string, unknown>;
  channel: string;
}

export class KernelClient {
  private readonly pending = new Map<string, { outputs: NotebookOutput[]; reply?: CellResult["status"]; idle: boolean; resolve(result: CellResult): void }>();
  private readonly session = randomUUID();

  private constructor(
    private readonly socket: WebSocket,
    private readonly baseUrl: string,
    private readonly token: string,
    readonly sessionId: string,
  ) {
    socket.addEventListener("message", (event) => this.onMessage(String(event.data)));
  }

  /** Opens the notebook `path` (relative to the server's root) with kernel `name` on the server at `baseUrl` (e.g. http://127.0.0.1:8000/user/ann/), and its channels. */
  static async start(baseUrl: string, token: string, name: string, path: string): Promise<KernelClient> {
    const response = await fetch(new URL("api/sessions", baseUrl), {
      method: "POST",
      headers: { Authorization: `token ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ path, name: path.split("/").at(-1), type: "notebook", kernel: { name } }),
    });
    if (!response.ok) throw new Error(`starting kernel ${name} for ${path}: HTTP ${response.status} ${await response.text()}`);
    const session = (await response.json()) as { id: string; kernel: { id: string } };
    const id = session.kernel.id;
    const url = new URL(`api/kernels/${id}/channels`, baseUrl);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("token", token);
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener("open", () => resolve(), { once: true });
      socket.addEventListener("error", () => reject(new Error(`cannot open the channels of kernel ${id} at ${url.origin}`)), { once: true });
    });
    return new KernelClient(socket, baseUrl, token, session.id);
  }

  private onMessage(text: string): void {
    const message = JSON.parse(text) as Message;
    const waiting = this.pending.get(message.parent_header.msg_id ?? "");
    if (waiting === undefined) return;
    const type = message.header.msg_type;
    const content = message.content;
    if (message.channel === "shell" && type === "execute_reply") waiting.reply = content.status as CellResult["status"];
    else if (type === "status" && content.execution_state === "idle") waiting.idle = true;
    else if (type === "stream") waiting.outputs.push({ output_type: "stream", name: content.name, text: content.text });
    else if (type === "display_data") waiting.outputs.push({ output_type: "display_data", data: content.data, metadata: content.metadata ?? {} });
    else if (type === "execute_result") waiting.outputs.push({ output_type: "execute_result", data: content.data, metadata: content.metadata ?? {}, execution_count: content.execution_count });
    else if (type === "error") waiting.outputs.push({ output_type: "error", ename: content.ename, evalue: content.evalue, traceback: content.traceback });
    if (waiting.reply !== undefined && waiting.idle) {
      this.pending.delete(message.parent_header.msg_id!);
      waiting.resolve({ status: waiting.reply, outputs: waiting.outputs });
    }
  }

  /** Executes `code`; resolves with the reply's status and every output, or rejects after `timeoutMs`. */
  execute(code: string, timeoutMs = 120_000): Promise<CellResult> {
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no reply within ${timeoutMs / 1000} s to: ${code.slice(0, 120)}`));
      }, timeoutMs);
      this.pending.set(id, { outputs: [], idle: false, resolve: (result) => (clearTimeout(timer), resolve(result)) });
      this.socket.send(
        JSON.stringify({
          header: { msg_id: id, msg_type: "execute_request", username: "test", session: this.session, date: new Date().toISOString(), version: "5.3" },
          parent_header: {},
          metadata: {},
          content: { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true },
          channel: "shell",
          buffers: [],
        }),
      );
    });
  }

  /** Closes the channels and ends the session (its kernel shuts down). */
  async shutdown(): Promise<void> {
    this.socket.close();
    await fetch(new URL(`api/sessions/${this.sessionId}`, this.baseUrl), { method: "DELETE", headers: { Authorization: `token ${this.token}` } }).catch(() => undefined);
  }
}

/** The text of a cell's outputs (streams, text/plain, errors), for assertions. */
export function outputText(outputs: readonly NotebookOutput[]): string {
  return outputs
    .map((output) => {
      if (output.output_type === "stream") return String(output.text);
      if (output.output_type === "error") return `${String(output.ename)}: ${String(output.evalue)}`;
      const data = output.data as Record<string, unknown> | undefined;
      return typeof data?.["text/plain"] === "string" ? data["text/plain"] : "";
    })
    .join("");
}
