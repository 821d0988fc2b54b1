/**
 * The child process that runs a submission (started by session.ts inside the sandbox, sandbox.ts).
 *
 * It reads messages from the driver on stdin (protocol.ts): first "load" (write the data files into a
 * fresh working folder, run the module body), then "call" (run one of the student's functions with
 * the given arguments) and "fixture" (run harness code around them), and answers on file descriptor 3.
 * Everything the student prints goes to stdout and stderr, which the driver keeps for the test's output.
 *
 * This process is the submission's: the student's code can change anything in it, so nothing here is
 * a security boundary. The driver decides every result from the values alone, and the sandbox around
 * this process limits what it can touch. What this file adds is helpful behaviour for honest code:
 * `process.exit` reports an error instead of ending the run, a stray rejection is logged rather than
 * fatal, and importing flashlab's own version of what the assignment asks for fails with a clear message.
 */
import { mkdirSync, writeFileSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { createInterface } from "node:readline";
import { projectRoot } from "../runtime/paths.js";
import { findFixture } from "./fixture.js";
import { encodeMessage, fromWire, parseDriverMessage, toWire, type ChildMessage, type DriverMessage } from "./protocol.js";

const protocolFd = 3;

function send(message: ChildMessage): void {
  let bytes = Buffer.from(encodeMessage(message));
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(protocolFd, bytes));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `a non-Error value was thrown: ${String(error)}`;
}

const workFolder = join(tmpdir(), "submission");
let answers: Record<string, unknown> = {};

/**
 * flashlab as the student's code sees it: loaded on first use (cells that only import its types, or
 * use nothing of it until called, do not pay for loading it), with the assignment's forbidden names
 * refused when used.
 */
function lazyFlashlab(load: () => Record<string, unknown>, refused: ReadonlySet<string>): Record<string, unknown> {
  let real: Record<string, unknown> | undefined;
  const library = () => (real ??= load());
  const check = (key: string | symbol) => {
    if (typeof key === "string" && refused.has(key)) throw new Error(`flashlab's ${key} is off limits in this assignment: it is what you are asked to write`);
  };
  return new Proxy({} as Record<string, unknown>, {
    get: (_target, key) => {
      check(key);
      return Reflect.get(library(), key);
    },
    has: (_target, key) => Reflect.has(library(), key),
    ownKeys: () => Reflect.ownKeys(library()),
    getOwnPropertyDescriptor: (_target, key) => (Reflect.has(library(), key) ? { configurable: true, enumerable: true, get: () => (check(key), Reflect.get(library(), key)) } : undefined),
  });
}

/** require() for the student's code: packages and Node's modules, with the assignment's forbidden names refused. */
function studentRequire(forbidden: { flashlab: string[]; modules: string[] }): NodeJS.Require {
  const baseRequire = createRequire(join(projectRoot, "package.json"));
  const refusedNames = new Set(forbidden.flashlab);
  let flashlabView: Record<string, unknown> | undefined;
  const restricted = (specifier: string): unknown => {
    if (forbidden.modules.some((name) => specifier === name || specifier.startsWith(`${name}/`))) {
      throw new Error(`"${specifier}" is off limits in this assignment: write this part yourself`);
    }
    if (specifier.startsWith(".") || isAbsolute(specifier)) {
      throw new Error(`a submission may require packages and Node's modules, not files; got "${specifier}"`);
    }
    if (specifier !== "flashlab") return baseRequire(specifier);
    flashlabView ??= lazyFlashlab(() => baseRequire("flashlab") as Record<string, unknown>, refusedNames);
    return flashlabView;
  };
  return Object.assign(restricted, { resolve: baseRequire.resolve, cache: baseRequire.cache, main: undefined, extensions: baseRequire.extensions }) as NodeJS.Require;
}

type ModuleFunction = (require: NodeJS.Require, module: { exports: Record<string, unknown> }, exports: Record<string, unknown>, filename: string, dirname: string) => Promise<{ answers: Record<string, unknown>; loadError?: unknown }>;
const AsyncFunction = (async () => {}).constructor as new (...parameters: string[]) => ModuleFunction;

async function load(message: Extract<DriverMessage, { type: "load" }>): Promise<void> {
  mkdirSync(workFolder, { recursive: true });
  for (const [name, base64] of Object.entries(message.files)) {
    const path = join(workFolder, name);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, Buffer.from(base64, "base64"));
  }
  process.chdir(workFolder);
  let run: ModuleFunction;
  try {
    run = new AsyncFunction("require", "module", "exports", "__filename", "__dirname", message.body);
  } catch (error) {
    send({ type: "loaded", defined: [], loadError: describeError(error) });
    return;
  }
  const module = { exports: {} as Record<string, unknown> };
  try {
    const result = await run(studentRequire(message.forbidden), module, module.exports, join(workFolder, "submission.js"), workFolder);
    answers = result.answers;
    const defined = message.answers.filter((name) => answers[name] !== undefined);
    const loaded: ChildMessage = { type: "loaded", defined };
    if (result.loadError !== undefined) loaded.loadError = describeError(result.loadError);
    send(loaded);
  } catch (error) {
    send({ type: "loaded", defined: [], loadError: describeError(error) });
  }
}

async function call(message: Extract<DriverMessage, { type: "call" }>): Promise<void> {
  const target = answers[message.name];
  if (typeof target !== "function") {
    const why = target === undefined ? "is not defined by your cells" : `is a ${typeof target}, not a function`;
    send({ type: "failed", id: message.id, error: `${message.name} ${why}` });
    return;
  }
  try {
    const value: unknown = await (target as (...args: unknown[]) => unknown)(...(fromWire(message.args) as unknown[]));
    send({ type: "result", id: message.id, value: toWire(value) });
  } catch (error) {
    send({ type: "failed", id: message.id, error: describeError(error) });
  }
}

async function fixture(message: Extract<DriverMessage, { type: "fixture" }>): Promise<void> {
  try {
    const run = await findFixture(message.name);
    const value = await run(fromWire(message.args), { answers, emit: (name, data) => send({ type: "event", name, data: toWire(data) }) });
    send({ type: "result", id: message.id, value: toWire(value) });
  } catch (error) {
    send({ type: "failed", id: message.id, error: describeError(error) });
  }
}

// Helpful behaviour for honest code (see the header): not a defence.
const refuseExit = (code?: unknown): never => {
  throw new Error(`process.exit(${code === undefined ? "" : String(code)}) was called: a submission must not end the grader's process`);
};
process.exit = refuseExit as typeof process.exit;
process.on("uncaughtException", (error) => console.error(`uncaught exception in the submission: ${describeError(error)}`));
process.on("unhandledRejection", (reason) => console.error(`unhandled promise rejection in the submission: ${describeError(reason)}`));

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  const message = parseDriverMessage(line);
  if (message === null) return;
  if (message.type === "load") void load(message);
  else if (message.type === "call") void call(message);
  else void fixture(message);
});
