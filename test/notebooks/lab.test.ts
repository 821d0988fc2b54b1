// `npm run lab` (scripts/lab.sh) starts Jupyter on 127.0.0.1 with the project's tslab kernel and
// serves the notebooks folder; the test starts it, asks its REST API, and stops it by PID.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../lib/runtime/paths.js";
import { projectNotebooks } from "./notebook-files.js";

let lab: ChildProcess | undefined;

function waitForUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let printed = "";
    const timer = setTimeout(() => reject(new Error(`no Jupyter URL within ${timeoutMs} ms; output:\n${printed}`)), timeoutMs);
    const look = (chunk: Buffer) => {
      printed += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/.exec(printed)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout?.on("data", look);
    child.stderr?.on("data", look);
    child.on("exit", (code) => reject(new Error(`lab.sh exited with ${code} before printing a URL:\n${printed}`)));
  });
}

afterAll(() => {
  if (lab?.pid !== undefined && lab.exitCode === null) lab.kill("SIGTERM");
});

describe("npm run lab", () => {
  it("serves the notebooks on 127.0.0.1 with the tslab kernel", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    lab = spawn("bash", [join(projectRoot, "scripts", "lab.sh"), "--no-browser"], {
      env: { ...process.env, FLASHLAB_LAB_PORT: String(port), BROWSER: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const url = new URL(await waitForUrl(lab, 30_000));
    expect(url.hostname).toBe("127.0.0.1");
    const token = url.searchParams.get("token");
    const api = (path: string) => fetch(`${url.origin}${path}?token=${token}`).then((response) => response.json());
    const specs = (await api("/api/kernelspecs")) as { kernelspecs: Record<string, { spec: { argv: string[]; language: string } }> };
    expect(specs.kernelspecs.tslab?.spec.language).toBe("typescript");
    expect(specs.kernelspecs.tslab?.spec.argv[0]).toBe(join(projectRoot, ".jupyter", "tslab-kernel"));
    const listing = (await api("/api/contents")) as { content: Array<{ name: string }> };
    expect(listing.content.map((entry) => entry.name)).toEqual(expect.arrayContaining(projectNotebooks.map((path) => path.split("/").at(-1))));
    lab.kill("SIGTERM");
    await new Promise((resolve) => lab!.once("exit", resolve));
  }, 60_000);
});
