/**
 * Runs one of the report's Python programs as a child process, passing its output on as it
 * arrives and keeping a copy, and resolves with its exit code.
 */
import { spawn } from "node:child_process";

/** Receives a child's output as it arrives. */
export type OutputSink = (stream: "stdout" | "stderr", text: string) => void;

export interface PythonRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `python script args…` with `env`, forwarding output to `onOutput`. Never rejects on a non-zero exit. */
export function runPythonScript(
  python: string,
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  onOutput: OutputSink = () => {},
): Promise<PythonRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [script, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    const collected = { stdout: "", stderr: "" };
    for (const stream of ["stdout", "stderr"] as const) {
      child[stream].setEncoding("utf8");
      child[stream].on("data", (text: string) => {
        collected[stream] += text;
        onOutput(stream, text);
      });
    }
    child.on("error", (error) => reject(new Error(`could not start ${python} ${script}: ${error.message}`)));
    child.on("close", (code, signal) => {
      resolve({ exitCode: code ?? (signal ? 128 : 1), ...collected });
    });
  });
}
