// The real clients curl and ab against the pipeline: bodies, HEAD, HTTP/1.0, keep-alive, no failures.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createFlashCaches } from "../../lib/http/index.js";
import { haveTools } from "../support/tools.js";
import { useDocrootServer } from "./support/test-server.js";

const run = promisify(execFile);
const haveCurl = haveTools("curl");
const haveAb = haveTools("ab");
const context = useDocrootServer({ caches: createFlashCaches() });

const curl = async (...args: string[]) =>
  (await run("curl", ["--silent", "--show-error", "--max-time", "10", ...args], { encoding: "buffer", maxBuffer: 8 << 20 })).stdout;

describe.skipIf(!haveCurl)("curl", () => {
  it("downloads a binary file byte for byte", async () => {
    expect((await curl(`${context.server.url}/binary.bin`)).equals(context.root.files["/binary.bin"]!)).toBe(true);
  });

  it("curl -I shows the headers of a HEAD request", async () => {
    const head = (await curl("-I", `${context.server.url}/hello.txt`)).toString();
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toMatch(/\r\nContent-Length: 16\r\n/);
    expect(head).toMatch(/\r\nContent-Type: text\/plain; charset=utf-8\r\n/);
  });

  it("curl --http1.0 gets the file and a closed connection", async () => {
    const output = (await curl("--http1.0", "-i", `${context.server.url}/hello.txt`)).toString();
    expect(output).toMatch(/\r\nConnection: close\r\n/);
    expect(output.endsWith("\r\n\r\nhello, flashlab\n")).toBe(true);
  });

  it("reuses one connection for several URLs and reports 404", async () => {
    const output = (await curl("-o", "/dev/null", "-o", "/dev/null", "-o", "/dev/null", "-w", "%{http_code} %{num_connects}\n",
      `${context.server.url}/hello.txt`, `${context.server.url}/missing`, `${context.server.url}/dir/`)).toString();
    expect(output.trim().split("\n")).toEqual(["200 1", "404 0", "200 0"]);
  });

  it("gets 304 with --time-cond when the file is not newer", async () => {
    const code = (await curl("-o", "/dev/null", "-w", "%{http_code}", "--time-cond", new Date(context.root.mtimeSeconds * 1000 + 60_000).toUTCString(), `${context.server.url}/hello.txt`)).toString();
    expect(code).toBe("304");
  });
});

/** Reads a "Name:   value" line of ab's report. */
function abField(report: string, name: string): string | undefined {
  return new RegExp(`^${name}:\\s+(.+)$`, "m").exec(report)?.[1]?.trim();
}

describe.skipIf(!haveAb)("ab", () => {
  it("ab -n 200 -c 4 -k: every request succeeds over keep-alive with the right length", async () => {
    const { stdout } = await run("ab", ["-n", "200", "-c", "4", "-k", "-s", "10", `${context.server.url}/binary.bin`], { encoding: "utf8" });
    expect(abField(stdout, "Complete requests")).toBe("200");
    expect(abField(stdout, "Failed requests")).toBe("0");
    expect(abField(stdout, "Non-2xx responses")).toBeUndefined();
    expect(abField(stdout, "Keep-Alive requests")).toBe("200");
    expect(abField(stdout, "Document Length")).toBe(`${context.root.files["/binary.bin"]!.length} bytes`);
  });

  it("ab -n 200 -c 8 with a new connection per request", async () => {
    const { stdout } = await run("ab", ["-n", "200", "-c", "8", "-s", "10", `${context.server.url}/hello.txt`], { encoding: "utf8" });
    expect(abField(stdout, "Complete requests")).toBe("200");
    expect(abField(stdout, "Failed requests")).toBe("0");
    expect(abField(stdout, "Document Length")).toBe("16 bytes");
  });
});
