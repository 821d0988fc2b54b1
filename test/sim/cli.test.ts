// Runs the built CLI (`npm run build` first) as a real child process.
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { compiledModule } from "../../lib/runtime/paths.js";

interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

function flashlab(...args: string[]): Promise<CliOutcome> {
  const cli = compiledModule("cli");
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe("flashlab sim toyshop", () => {
  it("--json gives the lecture's figures for both models and 11 and 10 orders", async () => {
    const cases = [
      { model: "boss-workers", orders: 11, totalMs: 360, meanCompletionMs: 2160 / 11 },
      { model: "pipeline", orders: 11, totalMs: 320, meanCompletionMs: 220 },
      { model: "boss-workers", orders: 10, totalMs: 240, meanCompletionMs: 180 },
      { model: "pipeline", orders: 10, totalMs: 300, meanCompletionMs: 210 },
    ];
    const outcomes = await Promise.all(
      cases.map((entry) => flashlab("sim", "toyshop", "--model", entry.model, "--threads", "6", "--orders", String(entry.orders), "--json")),
    );
    outcomes.forEach((outcome, index) => {
      const expected = cases[index]!;
      expect(outcome.code, outcome.stderr).toBe(0);
      const lines = outcome.stdout.trim().split("\n");
      expect(lines).toHaveLength(1);
      const json = JSON.parse(lines[0]!);
      expect(json).toMatchObject({ model: expected.model, threads: 6, orders: expected.orders, orderMs: 120, totalMs: expected.totalMs });
      expect(json.meanCompletionMs).toBeCloseTo(expected.meanCompletionMs, 10);
      expect(json.completionsMs).toHaveLength(expected.orders);
      expect(Math.max(...json.completionsMs)).toBe(expected.totalMs);
      expect(Array.isArray(json.segments)).toBe(true);
    });
  });

  it("text output echoes every parameter, then the table, total and mean", async () => {
    const outcome = await flashlab("sim", "toyshop", "--model", "boss-workers", "--threads", "6", "--orders", "11");
    expect(outcome.code).toBe(0);
    const lines = outcome.stdout.split("\n");
    expect(lines.slice(0, 5)).toEqual(["ARG model boss-workers", "ARG threads 6", "ARG orders 11", "ARG order-ms 120", "ARG boss-ms 0"]);
    expect(outcome.stdout).toMatch(/^\s*11\s+240\s+360\s+worker 1$/m);
    expect(outcome.stdout).toMatch(/^total time\s+360 ms$/m);
    expect(outcome.stdout).toMatch(/^mean completion\s+196\.36 ms$/m);
  });

  it("a seeded random problem is repeatable and echoes its seed", async () => {
    const args = ["sim", "toyshop", "--model", "pipeline", "--work", "exponential", "--seed", "42", "--orders", "20"];
    const [first, again, text] = await Promise.all([flashlab(...args, "--json"), flashlab(...args, "--json"), flashlab(...args)]);
    expect(first.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(JSON.parse(first.stdout).seed).toBe(42);
    expect(text.stdout).toMatch(/^ARG seed 42$/m);
  });

  it("unknown flags and bad values exit 2 with a message saying what is accepted", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--bogus"], /unknown option --bogus; accepted: --model/],
      [["--model", "ring"], /--model must be one of boss-workers, pipeline; got "ring"/],
      [["--threads", "1"], /--threads must be ≥ 2 for boss-workers/],
      [["--threads", "two"], /--threads takes a whole number/],
      [["--orders", "0"], /--orders takes a whole number ≥ 1/],
      [["--order-ms", "0"], /--order-ms takes a number > 0/],
      [["--model", "pipeline", "--boss-ms", "5"], /--boss-ms applies only to --model boss-workers/],
      [["--model", "pipeline", "--threads", "3", "--stage-ms", "1,2"], /--stage-ms needs one time per stage/],
      [["--arrivals", "poisson"], /--arrivals poisson needs --interarrival-ms/],
      [["--model", "pipeline", "--threads", "100", "--orders", "1000000"], /limited to 2000000/],
    ];
    const outcomes = await Promise.all(cases.map(([args]) => flashlab("sim", "toyshop", ...args)));
    outcomes.forEach((outcome, index) => {
      expect(outcome.code, cases[index]![0].join(" ")).toBe(2);
      expect(outcome.stderr).toMatch(cases[index]![1]);
      expect(outcome.stdout).toBe("");
    });
  });
});

describe("flashlab sim latency-hiding", () => {
  it("--json reports both policies and the break-even", async () => {
    const [above, below] = await Promise.all([
      flashlab("sim", "latency-hiding", "--compute-ms", "20", "--idle-ms", "5", "--ctx-switch-ms", "1", "--requests", "4", "--json"),
      flashlab("sim", "latency-hiding", "--compute-ms", "20", "--idle-ms", "1.5", "--ctx-switch-ms", "1", "--requests", "4", "--json"),
    ]);
    expect(above.code, above.stderr).toBe(0);
    const json = JSON.parse(above.stdout);
    expect(json).toMatchObject({ computeMs: 20, idleMs: 5, ctxSwitchMs: 1, requests: 4, breakEvenIdleMs: 2, ruleSaysSwitch: true, switchingWins: true });
    expect(json.savedMs).toBeCloseTo(3 * (5 - 2), 9);
    expect(json.noSwitch.totalMs).toBeGreaterThan(json.switching.totalMs);
    expect(json.switching.utilization).toBeGreaterThan(json.noSwitch.utilization);
    const slow = JSON.parse(below.stdout);
    expect(slow.switchingWins).toBe(false);
    expect(slow.ruleSaysSwitch).toBe(false);
  });

  it("text output echoes the parameters and states the rule; bad values exit 2", async () => {
    const [text, bad, unknown] = await Promise.all([
      flashlab("sim", "latency-hiding", "--idle-ms", "5"),
      flashlab("sim", "latency-hiding", "--requests", "0"),
      flashlab("sim", "latency-hiding", "--cpus", "2"),
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout.split("\n").slice(0, 4)).toEqual(["ARG compute-ms 10", "ARG idle-ms 5", "ARG ctx-switch-ms 1", "ARG requests 4"]);
    expect(text.stdout).toMatch(/switching pays when t_idle > 2·t_ctx_switch = 2 ms/);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--requests takes a whole number ≥ 1/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option --cpus/);
  });
});

describe("flashlab sim mm1", () => {
  it("--json reports events, wall time, events/s and the mean response in mean service times", async () => {
    // ρ = 0.5, 2·10^5 customers: theory W = 2; the simulated mean is within a few per cent.
    const outcome = await flashlab("sim", "mm1", "--customers", "200000", "--rho", "0.5", "--seed", "3", "--json");
    expect(outcome.code, outcome.stderr).toBe(0);
    const lines = outcome.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(json).toMatchObject({ customers: 200000, rho: 0.5, seed: 3, warmupCustomers: 0, events: 400000 });
    expect(json.wallMs).toBeGreaterThan(0);
    expect(json.eventsPerSec).toBeCloseTo(json.events / (json.wallMs / 1000), 3);
    expect(json.theoryMeanResponse).toBeCloseTo(2, 12);
    expect(Math.abs(json.meanResponse / 2 - 1)).toBeLessThan(0.08);
    expect(json.littlesLawProduct).toBeCloseTo(json.meanInSystem, 6);
  });

  it("text output echoes every parameter, then simulated against theory; a seed repeats the run", async () => {
    const args = ["sim", "mm1", "--customers", "20000", "--rho", "0.8", "-s", "7"];
    const [text, first, again, other] = await Promise.all([
      flashlab(...args),
      flashlab(...args, "--json"),
      flashlab(...args, "--json"),
      flashlab("sim", "mm1", "--customers", "20000", "--rho", "0.8", "--seed", "8", "--json"),
    ]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split("\n").slice(0, 4)).toEqual(["ARG customers 20000", "ARG rho 0.8", "ARG seed 7", "ARG warmup-customers 0"]);
    expect(text.stdout).toMatch(/^mean response time W\s+[\d.]+\s+5\s+1\/\(1 − ρ\)$/m);
    expect(text.stdout).toMatch(/^engine: 40000 events in /m);
    expect(JSON.parse(again.stdout).meanResponse).toBe(JSON.parse(first.stdout).meanResponse);
    expect(JSON.parse(other.stdout).meanResponse).not.toBe(JSON.parse(first.stdout).meanResponse);
  });

  it("bad or missing flags exit 2 with a message saying what is accepted", async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /--customers N is required/],
      [["--customers", "0"], /--customers takes a whole number ≥ 1/],
      [["--customers", "10", "--rho", "1"], /--rho must be below 1/],
      [["--customers", "10", "--rho", "0"], /--rho takes a number > 0/],
      [["--customers", "10", "--warmup-customers", "10"], /--warmup-customers must be below --customers \(10\)/],
      [["--customers", "10", "--servers", "2"], /unknown option --servers/],
    ];
    const outcomes = await Promise.all(cases.map(([args]) => flashlab("sim", "mm1", ...args)));
    outcomes.forEach((outcome, index) => {
      expect(outcome.code, cases[index]![0].join(" ")).toBe(2);
      expect(outcome.stderr).toMatch(cases[index]![1]);
      expect(outcome.stdout).toBe("");
    });
  });
});

describe("flashlab sim --help", () => {
  it("lists the models, and each command documents its options", async () => {
    const [group, toyshop, latency, root] = await Promise.all([
      flashlab("sim", "--help"),
      flashlab("sim", "toyshop", "--help"),
      flashlab("sim", "latency-hiding", "--help"),
      flashlab("--help"),
    ]);
    expect(group.code).toBe(0);
    expect(group.stdout).toMatch(/toyshop/);
    expect(group.stdout).toMatch(/latency-hiding/);
    expect(group.stdout).toMatch(/^\s+mm1\s+the M\/M\/1 queue/m);
    expect(toyshop.code).toBe(0);
    expect(toyshop.stdout).toMatch(/--model TEXT.*boss-workers\|pipeline/);
    expect(toyshop.stdout).toMatch(/--order-ms/);
    expect(latency.code).toBe(0);
    expect(latency.stdout).toMatch(/--ctx-switch-ms/);
    expect(root.code).toBe(0);
    expect(root.stdout).toMatch(/^\s+sim\s/m);
  });
});
