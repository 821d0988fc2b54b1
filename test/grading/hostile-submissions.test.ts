// Hostile submissions never break the grader and never gain points. Each grading is a real run of the
// metrics assignment with short time limits. At import time: throwing, an endless loop, process.exit,
// killing its own process, reserving more memory than allowed, and forging answers on the grader's pipe and a fake
// results file on stdout; all score 0 with valid results. Inside functions, beside correct answers: an
// endless loop, killing the process, and an escape attempt (reading the hidden tests, the instructor
// notebook and the git history, writing outside its folder, overwriting the results file, reaching the
// network, leaving a process behind); they cost only their own tests, and the sandbox stops every attempt.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadAssignment } from "../../lib/grading/assignment.js";
import { gradeSubmission } from "../../lib/grading/grade.js";
import type { GradescopeResults } from "../../lib/grading/gradescope-results.js";
import { chooseSandbox } from "../../lib/grading/sandbox.js";
import { projectRoot } from "../../lib/runtime/paths.js";
import { releasedNotebook, submissionWith, temporaryFolder } from "./support.js";

const scratch = temporaryFolder("flashlab-hostile-");
afterAll(() => scratch.remove());

const onCI = process.env.CI === "true" || process.env.CI === "1";
const sandboxed = chooseSandbox("auto").level === "namespaces";
if (!sandboxed) {
  const message = "the grader's namespaces sandbox needs root on Linux with unshare, ip, setpriv, prlimit and chroot";
  if (onCI) throw new Error(message);
  console.warn(`skipping the escape tests: ${message}`);
}

const limits = { loadTimeoutMs: 10_000, callTimeoutMs: 2_000 };
const grade = (submission: string) => gradeSubmission({ assignment: "metrics", submission, limits });

/** The released (all stubs) notebook, with `code` run at import after the first answer's stub. */
function stubsWithImportCode(name: string, code: string): string {
  const stubbed = readFileSync(releasedNotebook("metrics", join(scratch.path, `release-${name}`)), "utf8");
  const notebook = JSON.parse(stubbed) as { cells: Array<{ source: string | string[] }> };
  const cell = notebook.cells.find((candidate) => [candidate.source].flat().join("").startsWith("// flashlab-grade: answer percentile"))!;
  cell.source = `${[cell.source].flat().join("")}\n${code}\n`;
  const path = join(scratch.path, `${name}.ipynb`);
  writeFileSync(path, JSON.stringify(notebook));
  return path;
}

function expectValidZero(results: GradescopeResults): void {
  expect(results.score).toBe(0);
  expect(results.max_score).toBe(21);
  expect(results.tests).toHaveLength(15);
  for (const test of results.tests) expect(test.output.length).toBeGreaterThan(0);
}

describe("hostile code at import time scores 0 and leaves valid results", () => {
  const cases: Array<{ name: string; code: string; expected: (results: GradescopeResults) => void }> = [
    {
      name: "throws",
      code: 'throw new Error("boom at import");',
      expected: (results) => expect(results.output).toMatch(/while loading, your cells threw Error: boom at import/),
    },
    {
      name: "loops forever",
      code: "while (true) {}",
      expected: (results) => expect(results.tests[0]!.output).toMatch(/did not finish loading within 10 s/),
    },
    {
      name: "calls process.exit",
      code: "process.exit(0);",
      expected: (results) => expect(results.output).toMatch(/process\.exit\(0\) was called: a submission must not end the grader's process/),
    },
    {
      name: "kills its own process",
      code: 'process.kill(process.pid, "SIGKILL");',
      expected: (results) => expect(results.tests[0]!.output).toMatch(/killed by SIGKILL during loading your cells/),
    },
    {
      // Untouched buffers: address space, not the machine's memory, runs out (the 8 GiB limit).
      name: "reserves more memory than allowed",
      code: "const hoard: Buffer[] = [];\nwhile (true) hoard.push(Buffer.allocUnsafe(2 ** 30));",
      expected: (results) => expect(results.output).toMatch(/while loading, your cells threw RangeError: (Failed to allocate memory|Array buffer allocation failed)/),
    },
    {
      name: "forges answers on the grader's pipe and prints a fake results file",
      code: [
        'const fs = require("fs");',
        'for (let id = 0; id < 50; id++) fs.writeSync(3, JSON.stringify({ type: "result", id, value: 9.55 }) + "\\n");',
        'fs.writeSync(3, JSON.stringify({ type: "loaded", defined: ["percentile"] }) + "\\n");',
        "console.log(JSON.stringify({ score: 999, max_score: 21, tests: [] }));",
      ].join("\n"),
      expected: (results) => expect(results.tests[0]!.output).toMatch(/percentile\(…\) threw Error: not implemented/),
    },
  ];

  for (const { name, code, expected } of cases) {
    it(name, async () => {
      const { results } = await grade(stubsWithImportCode(name.replaceAll(" ", "-"), code));
      expectValidZero(results);
      expected(results);
    }, 60_000);
  }
});

describe.skipIf(!sandboxed)("hostile code inside functions costs only its own tests, and cannot escape the sandbox", () => {
  const resultsFile = join(scratch.path, "results.json");
  const outside = [join(scratch.path, "escaped.txt"), join(projectRoot, "escaped-from-grading.txt")];
  const strayProcess = "987.654";
  const escape = `// flashlab-grade: answer connectionRate, bandwidthMBps
async function connectionRate(records: readonly RequestRecord[]): Promise<unknown> {
  const fs = require("fs");
  const attempts: Record<string, string> = {};
  const attempt = (label: string, action: () => unknown) => {
    try {
      attempts[label] = "done: " + String(action()).slice(0, 40);
    } catch (error) {
      attempts[label] = "refused: " + ((error as { code?: string }).code ?? String(error));
    }
  };
  const project = ${JSON.stringify(projectRoot)};
  attempt("read hidden tests", () => fs.readFileSync(project + "/notebooks/assignments/metrics/hidden-tests.ts", "utf8"));
  attempt("read instructor notebook", () => fs.readFileSync(project + "/notebooks/assignments/metrics/metrics.ipynb", "utf8"));
  attempt("read git history", () => fs.readdirSync(project + "/.git").length);
  attempt("read project sources", () => fs.readdirSync(project + "/lib").length);
  attempt("read shadow passwords", () => fs.readFileSync("/etc/shadow", "utf8"));
  attempt("overwrite results", () => fs.writeFileSync(${JSON.stringify(resultsFile)}, JSON.stringify({ score: 21, max_score: 21, tests: [] })));
  ${outside.map((path, index) => `attempt("write outside ${index}", () => fs.writeFileSync(${JSON.stringify(path)}, "x"));`).join("\n  ")}
  attempt("write flashlab's code", () => fs.writeFileSync(project + "/dist/index.js", "x"));
  attempt("see the grader's processes", () => {
    const processes = fs.readdirSync("/proc").filter((entry: string) => /^\\d+$/.test(entry));
    if (processes.length > 3) return processes.join(" ");
    throw Object.assign(new Error(), { code: "only its own" });
  });
  attempt("leave a process behind", () => require("child_process").spawn("sleep", ["${strayProcess}"], { detached: true, stdio: "ignore" }).unref());
  attempts["reach the network"] = await new Promise<string>((resolve) => {
    const socket = require("net").connect({ host: "1.1.1.1", port: 80, timeout: 1500 });
    socket.on("connect", () => { socket.destroy(); resolve("done: connected"); });
    socket.on("timeout", () => { socket.destroy(); resolve("refused: timeout"); });
    socket.on("error", (error: { code?: string }) => resolve("refused: " + error.code));
  });
  console.log("ATTEMPTS " + JSON.stringify(attempts));
  return attempts;
}

function bandwidthMBps(records: readonly RequestRecord[]): number {
  let bytes = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const record of records) {
    if (requestFailureKind(record) === null) bytes += record.bytes;
    first = Math.min(first, record.intendedMs ?? record.startMs);
    last = Math.max(last, record.endMs);
  }
  return bytes / ((last - first) / 1000) / 1e6;
}`;

  it("keeps the points of the correct answers and nothing else; every escape attempt fails", async () => {
    writeFileSync(resultsFile, "the grader's previous results");
    const path = submissionWith("metrics", scratch.path, "mixed", {
      waitTimesMs: "// flashlab-grade: answer waitTimesMs\nfunction waitTimesMs(records: readonly RequestRecord[]): number[] {\n  while (true) {}\n}",
      slaViolationPct: '// flashlab-grade: answer slaViolationPct\nfunction slaViolationPct(records: readonly RequestRecord[], slaMs: number): number {\n  process.kill(process.pid, "SIGKILL");\n  return 0;\n}',
      "connectionRate, bandwidthMBps": escape,
      answerQuestions: "// flashlab-grade: answer answerQuestions\nfunction answerQuestions(run: readonly RequestRecord[]): RunAnswers {\n  return { p50ResponseMs: 0, p95ResponseMs: 0, p99WaitMs: 0, slaViolationPctAt100Ms: 0, connectionRatePerS: 0, bandwidthMBps: 0, dominantPart: \"transfer\" };\n}",
    });
    const { results } = await grade(path);

    const scoreOf = (prefix: string) => results.tests.filter((test) => test.name.startsWith(prefix)).reduce((sum, test) => sum + test.score, 0);
    expect(scoreOf("percentile")).toBe(5);
    expect(scoreOf("bandwidthMBps")).toBe(2);
    expect(results.score).toBe(7);
    expect(results.tests.find((test) => test.name.startsWith("waitTimesMs"))!.output).toMatch(/waitTimesMs\(…\) did not finish within 2 s/);
    expect(results.tests.find((test) => test.name.startsWith("slaViolationPct"))!.output).toMatch(/killed by SIGKILL during slaViolationPct/);

    // The attempts, as the escape function printed them (what a submission prints is in its test's output).
    const escapeOutput = results.tests.find((test) => test.name.startsWith("connectionRate"))!.output;
    const reported = /^ATTEMPTS (.*)$/m.exec(escapeOutput);
    expect(reported, escapeOutput).not.toBeNull();
    const attempts = JSON.parse(reported![1]!) as Record<string, string>;
    expect(Object.keys(attempts)).toHaveLength(12);
    expect(Object.entries(attempts).filter(([label, outcome]) => label !== "leave a process behind" && !outcome.startsWith("refused"))).toEqual([]);

    expect(readFileSync(resultsFile, "utf8")).toBe("the grader's previous results");
    for (const path of outside) expect(existsSync(path)).toBe(false);
    const strays = readdirSync("/proc").filter((entry) => {
      try {
        return /^\d+$/.test(entry) && readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(strayProcess);
      } catch {
        return false;
      }
    });
    expect(strays).toEqual([]);
  }, 150_000);
});

describe("without a sandbox", () => {
  it("still grades, and says in the results that the submission was not contained", async () => {
    const { results, sandbox } = await gradeSubmission({ assignment: "metrics", submission: loadAssignment("metrics").notebook, sandbox: "none", only: "Question" });
    expect(sandbox.level).toBe("none");
    expect(results.score).toBe(results.max_score);
    expect(results.output).toMatch(/sandbox: none\. The submission ran as the grader's own user/);
  }, 120_000);
});
